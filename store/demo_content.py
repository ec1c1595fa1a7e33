# ruff: noqa: E501 - long French and English sentences read better unsplit.
"""Texts and records of the Smart Store demo, in French and English.

The services, equipment and department names are fictional. Each entry has
a stable key (slug, name or asset tag) that makes re-runs update in place.
"""

EQUIPMENT = [
    {
        "name": "Ordinateur portable",
        "name_en": "Laptop",
        "colour": (10, 110, 79),
        "description": "PC portable 14 pouces, suite bureautique et VPN installés.",
        "description_en": "14-inch laptop with the office suite and VPN installed.",
        "max_loan_days": 14,
        "lead_time_hours": 24,
        "requires_approval": False,
        "max_active_loans_per_agent": 1,
        "units": [
            ("PC-0001", "5CG1234AB"),
            ("PC-0002", "5CG1234AC"),
            ("PC-0003", "5CG1234AD"),
        ],
    },
    {
        "name": "Tablette tactile",
        "name_en": "Tablet",
        "colour": (91, 58, 158),
        "description": "Tablette 11 pouces avec stylet, pour le terrain et les démonstrations.",
        "description_en": "11-inch tablet with a stylus, for field work and demonstrations.",
        "max_loan_days": 7,
        "lead_time_hours": 0,
        "requires_approval": False,
        "max_active_loans_per_agent": 1,
        "units": [("TAB-0001", "DMPX11A"), ("TAB-0002", "DMPX11B")],
    },
    {
        "name": "Casque audio",
        "name_en": "Headset",
        "colour": (163, 59, 0),
        "description": "Casque avec micro antibruit pour la visioconférence.",
        "description_en": "Headset with a noise-cancelling microphone for video calls.",
        "max_loan_days": 30,
        "lead_time_hours": 0,
        "requires_approval": False,
        "max_active_loans_per_agent": 2,
        "units": [(f"CAS-{number:04d}", f"HS{number:05d}") for number in range(1, 6)],
    },
    {
        "name": "Caméra 360°",
        "name_en": "360° camera",
        "colour": (176, 18, 77),
        "description": "Caméra 360° pour les visites virtuelles de sites ; prêt validé par l’équipe.",
        "description_en": "360° camera for virtual tours of sites; loans approved by the team.",
        "max_loan_days": 5,
        "lead_time_hours": 48,
        "requires_approval": True,
        "max_active_loans_per_agent": 1,
        "units": [("CAM-0001", "360X-0001")],
    },
]

LOAN_TERMS = {
    "fr": (
        "Le matériel reste la propriété du Département. Je l’utilise pour mes "
        "missions, j’en prends soin et je le rends au Smart Store au plus tard le "
        "jour de retour, complet et avec ses accessoires. Je signale sans délai "
        "toute panne, perte ou casse."
    ),
    "en": (
        "The equipment remains the property of the département. I use it for my "
        "work, take care of it and bring it back to the Smart Store by the return "
        "day, complete with its accessories. I report any fault, loss or damage "
        "straight away."
    ),
}

CATALOGUE = {
    "slug": "catalogue",
    "fr": {
        "title": "Catalogue des services numériques",
        "intro": (
            "Tous les services numériques proposés aux agents : matériel en prêt, "
            "accompagnement, formations et outils en ligne."
        ),
    },
    "en": {
        "slug": "catalogue",
        "title": "Digital services catalogue",
        "intro": (
            "Every digital service offered to staff: equipment on loan, support, "
            "training and online tools."
        ),
    },
}

CATEGORIES = [
    {
        "slug": "materiel",
        "fr": {
            "title": "Matériel en prêt",
            "intro": "Empruntez du matériel en Click & Collect.",
        },
        "en": {
            "slug": "equipment",
            "title": "Equipment on loan",
            "intro": "Borrow equipment with Click & Collect.",
        },
    },
    {
        "slug": "accompagnement",
        "fr": {
            "title": "Accompagnement",
            "intro": "L’équipe du Smart Store vous aide.",
        },
        "en": {
            "slug": "support",
            "title": "Support",
            "intro": "The Smart Store team helps you.",
        },
    },
    {
        "slug": "outils-collaboratifs",
        "fr": {
            "title": "Outils collaboratifs",
            "intro": "Travailler ensemble, à distance ou sur site.",
        },
        "en": {
            "slug": "collaboration-tools",
            "title": "Collaboration tools",
            "intro": "Work together, remotely or on site.",
        },
    },
]


def faq(*pairs):
    return [
        ("question", {"question": question, "answer": answer})
        for question, answer in pairs
    ]


# The services' owning departments in English, by their French name.
DEPARTMENTS_EN = {
    "Direction du numérique": "Digital Services Department",
    "Direction de la communication": "Communications Department",
    "Direction des ressources humaines": "Human Resources Department",
    "Direction des affaires juridiques": "Legal Affairs Department",
}

SERVICES = [
    {
        "slug": "pret-ordinateur-portable",
        "category": "materiel",
        "action": "reserve",
        "equipment": "Ordinateur portable",
        "audience": "all_staff",
        "demand": 42,
        "fr": {
            "title": "Prêt d’ordinateur portable",
            "summary": "Un ordinateur portable prêt à l’emploi pour un déplacement, un télétravail ponctuel ou une formation.",
            "audience_details": "Tous les agents, pour une durée de deux semaines au plus.",
            "how_to_get": "<p>Réservez en ligne, choisissez un créneau de retrait et présentez-vous au comptoir du Smart Store.</p>",
            "owning_department": "Direction du numérique",
            "faq": faq(
                (
                    "Puis-je prolonger mon prêt ?",
                    "<p>Oui, au comptoir, si personne n’a réservé le même matériel ensuite.</p>",
                ),
                (
                    "Mes fichiers sont-ils conservés ?",
                    "<p>Non : le poste est réinitialisé au retour. Enregistrez vos fichiers sur votre espace réseau.</p>",
                ),
            ),
        },
        "en": {
            "slug": "laptop-loan",
            "title": "Laptop loan",
            "summary": "A ready-to-use laptop for a trip, occasional remote work or a training course.",
            "audience_details": "All staff, for two weeks at most.",
            "how_to_get": "<p>Book online, pick a collection slot and come to the Smart Store desk.</p>",
            "faq": faq(
                (
                    "Can I extend my loan?",
                    "<p>Yes, at the desk, if nobody has booked the same equipment next.</p>",
                ),
                (
                    "Are my files kept?",
                    "<p>No: the laptop is reset when it comes back. Save your files to your network drive.</p>",
                ),
            ),
        },
    },
    {
        "slug": "pret-tablette",
        "category": "materiel",
        "action": "reserve",
        "equipment": "Tablette tactile",
        "audience": "field_staff",
        "demand": 17,
        "fr": {
            "title": "Prêt de tablette tactile",
            "summary": "Une tablette avec stylet pour les visites de terrain, les états des lieux et les démonstrations.",
            "audience_details": "Agents de terrain : routes, collèges, action sociale.",
            "how_to_get": "<p>Réservez en ligne ; la tablette est prête dès le créneau choisi.</p>",
            "owning_department": "Direction du numérique",
            "faq": faq(
                (
                    "La tablette a-t-elle une connexion 4G ?",
                    "<p>Oui, avec une carte SIM professionnelle.</p>",
                )
            ),
        },
        "en": {
            "slug": "tablet-loan",
            "title": "Tablet loan",
            "summary": "A tablet with a stylus for site visits, inspections and demonstrations.",
            "audience_details": "Field staff: roads, secondary schools, social services.",
            "how_to_get": "<p>Book online; the tablet is ready from the slot you choose.</p>",
            "faq": faq(
                ("Does the tablet have 4G?", "<p>Yes, with a work SIM card.</p>")
            ),
        },
    },
    {
        "slug": "camera-360",
        "category": "materiel",
        "action": "reserve",
        "equipment": "Caméra 360°",
        "audience": "digital_contacts",
        "demand": 5,
        "fr": {
            "title": "Caméra 360° pour visites virtuelles",
            "summary": "Filmez un site en 360° pour une visite virtuelle sur l’intranet ou une réunion à distance.",
            "audience_details": "Référents numériques des directions ; prêt validé par l’équipe du Smart Store.",
            "how_to_get": "<p>Faites une demande en ligne : l’équipe la valide sous deux jours ouvrés.</p>",
            "owning_department": "Direction de la communication",
            "faq": [],
        },
        "en": {
            "slug": "360-camera",
            "title": "360° camera for virtual tours",
            "summary": "Film a site in 360° for a virtual tour on the intranet or a remote meeting.",
            "audience_details": "Digital contacts of each department; loans approved by the Smart Store team.",
            "how_to_get": "<p>Send a request online: the team approves it within two working days.</p>",
            "faq": [],
        },
    },
    {
        "slug": "aide-prise-en-main",
        "category": "accompagnement",
        "action": "help",
        "audience": "all_staff",
        "demand": 31,
        "fr": {
            "title": "Aide à la prise en main",
            "summary": "Un accompagnement individuel pour démarrer avec un nouvel outil ou un nouveau poste.",
            "audience_details": "Tous les agents, en particulier les nouveaux arrivants.",
            "how_to_get": "<p>Décrivez votre besoin et proposez un créneau, ou passez au Smart Store.</p>",
            "owning_department": "Direction du numérique",
            "faq": faq(
                (
                    "Combien de temps dure un accompagnement ?",
                    "<p>En général trente minutes.</p>",
                )
            ),
        },
        "en": {
            "slug": "getting-started-help",
            "title": "Getting-started help",
            "summary": "One-to-one support to start with a new tool or a new computer.",
            "audience_details": "All staff, newcomers especially.",
            "how_to_get": "<p>Describe what you need and suggest a slot, or drop in at the Smart Store.</p>",
            "faq": faq(
                ("How long does a session last?", "<p>Usually thirty minutes.</p>")
            ),
        },
    },
    {
        "slug": "depannage",
        "category": "accompagnement",
        "action": "help",
        "audience": "all_staff",
        "demand": 58,
        "fr": {
            "title": "Dépannage de premier niveau",
            "summary": "Un problème avec votre poste, votre téléphone ou une application ? L’équipe regarde avec vous.",
            "audience_details": "Tous les agents.",
            "how_to_get": "<p>Envoyez une demande d’aide ; si elle relève du support informatique, l’équipe la transmet et vous donne la référence du ticket.</p>",
            "owning_department": "Direction du numérique",
            "faq": [],
        },
        "en": {
            "slug": "troubleshooting",
            "title": "First-line troubleshooting",
            "summary": "A problem with your computer, phone or an application? The team looks at it with you.",
            "audience_details": "All staff.",
            "how_to_get": "<p>Send a help request; when IT support must handle it, the team forwards it and gives you the ticket reference.</p>",
            "faq": [],
        },
    },
    {
        "slug": "formation-outils-collaboratifs",
        "category": "outils-collaboratifs",
        "action": "training",
        "audience": "managers",
        "demand": 12,
        "fr": {
            "title": "Formation aux outils collaboratifs",
            "summary": "Une séance pratique pour animer des réunions hybrides et partager des documents en équipe.",
            "audience_details": "Encadrants et chefs de projet.",
            "how_to_get": "<p>Inscrivez-vous à la prochaine séance du programme.</p>",
            "owning_department": "Direction des ressources humaines",
            "faq": [],
        },
        "en": {
            "slug": "collaboration-tools-training",
            "title": "Collaboration tools training",
            "summary": "A hands-on session to run hybrid meetings and share documents as a team.",
            "audience_details": "Managers and project leads.",
            "how_to_get": "<p>Register for the next session in the programme.</p>",
            "faq": [],
        },
    },
    {
        "slug": "parapheur-electronique",
        "category": "outils-collaboratifs",
        "action": "external",
        "external_url": "https://parapheur.example.org/",
        "audience": "managers",
        "demand": 9,
        "fr": {
            "title": "Parapheur électronique",
            "summary": "Faites signer vos documents en ligne, sans impression ni navette.",
            "audience_details": "Encadrants et secrétariats.",
            "how_to_get": "<p>Connectez-vous avec votre compte du Département.</p>",
            "owning_department": "Direction des affaires juridiques",
            "faq": [],
        },
        "en": {
            "slug": "e-signature",
            "title": "E-signature workflow",
            "summary": "Get your documents signed online, without printing or internal mail.",
            "audience_details": "Managers and their assistants.",
            "how_to_get": "<p>Sign in with your département account.</p>",
            "faq": [],
        },
    },
]
