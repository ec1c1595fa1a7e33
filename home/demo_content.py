"""Texts of the demo site, in French and English, used by ``seed_demo``.

The département, its sites and its people are fictional. Each page entry has
a stable ``slug`` (the key that makes re-runs update rather than duplicate),
its French fields and, under ``"en"``, the English fields of its translation.
"""

HOME = {
    "slug": "accueil",
    "fr": {
        "title": "Bienvenue au Smart Corner",
        "intro": (
            "L’espace d’innovation numérique du Département, ouvert à tous les "
            "agents : empruntez du matériel, réservez une salle équipée, formez-vous "
            "et proposez vos idées pour améliorer le service public."
        ),
    },
    "en": {
        "slug": "home",
        "title": "Welcome to the Smart Corner",
        "intro": (
            "The département’s digital innovation space, open to all staff: borrow "
            "equipment, book an equipped room, train, and share your ideas to "
            "improve public services."
        ),
    },
}

SPACES = [
    {
        "slug": "smart-store",
        "space": "store",
        "colour": (10, 110, 79),
        "fr": {
            "title": "Smart Store",
            "lead": (
                "La boutique numérique des agents : commandez votre matériel en "
                "Click & Collect, faites-vous aider et découvrez les services "
                "numériques du Département."
            ),
            "opening_hours": "Du lundi au vendredi, de 8 h 30 à 17 h 30",
            "location": "Hôtel du Département, rez-de-chaussée, aile nord",
            "body": [
                ("heading", "Click & Collect"),
                (
                    "paragraph",
                    "<p>Réservez en ligne un ordinateur portable, une tablette ou un "
                    "casque, choisissez un créneau de retrait et récupérez votre "
                    "matériel prêt à l’emploi. Le retour se fait au même comptoir.</p>",
                ),
                ("heading", "La borne d’information"),
                (
                    "paragraph",
                    "<p>À l’entrée, une borne tactile présente le programme du jour, "
                    "les guides pratiques et les nouveautés du catalogue, sans "
                    "connexion.</p>",
                ),
            ],
        },
        "en": {
            "title": "Smart Store",
            "lead": (
                "The staff’s digital store: order your equipment with Click & "
                "Collect, get help and discover the département’s digital services."
            ),
            "opening_hours": "Monday to Friday, 8:30 am to 5:30 pm",
            "location": "Hôtel du Département, ground floor, north wing",
            "body": [
                ("heading", "Click & Collect"),
                (
                    "paragraph",
                    "<p>Book a laptop, a tablet or a headset online, pick a collection "
                    "slot and collect your equipment ready to use. Return it at the "
                    "same counter.</p>",
                ),
                ("heading", "The information kiosk"),
                (
                    "paragraph",
                    "<p>At the entrance, a touch-screen kiosk shows today’s "
                    "programme, practical guides and what is new in the catalogue, "
                    "without signing in.</p>",
                ),
            ],
        },
    },
    {
        "slug": "smart-room",
        "space": "room",
        "colour": (91, 58, 158),
        "fr": {
            "title": "Smart Room",
            "lead": (
                "Une salle modulable et équipée pour les réunions hybrides, les "
                "démonstrations et les événements du programme."
            ),
            "opening_hours": "Sur réservation, du lundi au vendredi",
            "location": "Hôtel du Département, 1ᵉʳ étage, salle 112",
            "body": [
                (
                    "paragraph",
                    "<p>Écran interactif, visioconférence, tableau blanc numérique "
                    "et mobilier mobile : la Smart Room accueille jusqu’à 40 "
                    "personnes. Les équipes du Smart Store vous accompagnent pour "
                    "la prise en main.</p>",
                ),
                (
                    "quote",
                    {
                        "text": "Nous avons préparé notre séminaire de direction en "
                        "une matinée, avec les équipes à distance.",
                        "author": "Une cheffe de service",
                    },
                ),
            ],
        },
        "en": {
            "title": "Smart Room",
            "lead": (
                "A flexible, equipped room for hybrid meetings, demonstrations and "
                "programme events."
            ),
            "opening_hours": "On booking, Monday to Friday",
            "location": "Hôtel du Département, first floor, room 112",
            "body": [
                (
                    "paragraph",
                    "<p>Interactive screen, video conferencing, digital whiteboard "
                    "and mobile furniture: the Smart Room seats up to 40 people. "
                    "The Smart Store team helps you get started.</p>",
                ),
                (
                    "quote",
                    {
                        "text": "We prepared our management seminar in one morning, "
                        "with remote teams joining in.",
                        "author": "A head of department",
                    },
                ),
            ],
        },
    },
    {
        "slug": "smart-class",
        "space": "class",
        "colour": (163, 59, 0),
        "fr": {
            "title": "Smart Class",
            "lead": (
                "Des formations courtes et concrètes pour être à l’aise avec les "
                "outils numériques du quotidien."
            ),
            "opening_hours": "Sessions le mardi et le jeudi",
            "location": "Hôtel du Département, 1ᵉʳ étage, salle 114",
            "body": [
                (
                    "paragraph",
                    "<p>Messagerie, agenda partagé, visioconférence, signature "
                    "électronique, sécurité des mots de passe : chaque masterclass "
                    "dure une heure trente et part de vos situations de travail.</p>",
                ),
            ],
        },
        "en": {
            "title": "Smart Class",
            "lead": (
                "Short, practical training sessions to feel at ease with everyday "
                "digital tools."
            ),
            "opening_hours": "Sessions on Tuesdays and Thursdays",
            "location": "Hôtel du Département, first floor, room 114",
            "body": [
                (
                    "paragraph",
                    "<p>E-mail, shared calendars, video calls, electronic signature, "
                    "password security: each masterclass lasts ninety minutes and "
                    "starts from your own work situations.</p>",
                ),
            ],
        },
    },
    {
        "slug": "smart-lab",
        "space": "lab",
        "colour": (176, 18, 77),
        "fr": {
            "title": "Smart Lab",
            "lead": (
                "Le laboratoire de l’intrapreneuriat : proposez une idée, votez "
                "pour celles de vos collègues et développez les projets retenus "
                "avec l’appui des animateurs."
            ),
            "opening_hours": "Ateliers le vendredi matin",
            "location": "Hôtel du Département, 2ᵉ étage, plateau projet",
            "body": [
                (
                    "paragraph",
                    "<p>Chaque trimestre, un défi est ouvert à tous les agents. Les "
                    "idées les plus soutenues sont accompagnées par l’équipe du Lab "
                    "jusqu’au prototype, puis présentées au comité de "
                    "programmation.</p>",
                ),
            ],
        },
        "en": {
            "title": "Smart Lab",
            "lead": (
                "The intrapreneurship lab: share an idea, vote for your colleagues’ "
                "ideas and develop the selected projects with the facilitators’ "
                "support."
            ),
            "opening_hours": "Workshops on Friday mornings",
            "location": "Hôtel du Département, second floor, project area",
            "body": [
                (
                    "paragraph",
                    "<p>Every quarter, a challenge is open to all staff. The most "
                    "supported ideas are developed with the Lab team up to a "
                    "prototype, then presented to the programming committee.</p>",
                ),
            ],
        },
    },
]

BOARD = {
    "slug": "idees",
    "fr": {
        "title": "Boîte à idées : simplifier les démarches des usagers",
        "intro": (
            "Comment rendre les démarches en ligne du Département plus simples pour "
            "les habitants ? Proposez vos idées et votez pour celles qui vous "
            "semblent les plus utiles."
        ),
    },
    "en": {
        "slug": "ideas",
        "title": "Idea board: simpler procedures for residents",
        "intro": (
            "How can the département’s online procedures be made simpler for "
            "residents? Share your ideas and vote for the ones you find most useful."
        ),
    },
}

# (author e-mail, language, title, description, e-mails of the voters)
IDEAS = [
    (
        "agent@example.org",
        "fr",
        "Un formulaire unique pour les aides aux collégiens",
        "Regrouper les demandes de bourse, de transport et de restauration "
        "dans un seul formulaire pré-rempli.",
        ["agent2@example.org", "agent3@example.org", "agent4@example.org"],
    ),
    (
        "agent2@example.org",
        "fr",
        "Suivre l’avancement de son dossier par SMS",
        "Envoyer un SMS à chaque étape du traitement d’une demande d’aide.",
        ["agent@example.org", "agent3@example.org"],
    ),
    (
        "animateur@example.org",
        "fr",
        "Des permanences numériques dans les maisons du Département",
        "Accompagner les habitants éloignés du numérique lors du Smart Tour.",
        ["agent4@example.org"],
    ),
    (
        "agent3@example.org",
        "en",
        "Plain-language letters",
        "Rewrite the standard letters sent to residents in plain language.",
        ["agent@example.org"],
    ),
]

PROGRAMME = {
    "slug": "programme",
    "fr": {
        "title": "Programme",
        "intro": (
            "Masterclasses, tables rondes, ateliers technologiques et cafés "
            "numériques : le programme du trimestre, à l’Hôtel du Département et "
            "sur les sites du Smart Tour."
        ),
    },
    "en": {
        "slug": "programme",
        "title": "Programme",
        "intro": (
            "Masterclasses, round tables, technology workshops and digital cafés: "
            "this quarter’s programme, at the Hôtel du Département and on the "
            "Smart Tour sites."
        ),
    },
}

VENUES = [
    {
        "name": "Hôtel du Département",
        "address": "1 place de l’Hôtel du Département\n00000 Chef-Lieu",
        "is_main_site": True,
    },
    {
        "name": "Maison du Département du Val d’Aulne",
        "address": "12 rue des Tanneurs\n00100 Val-d’Aulne",
        "is_main_site": False,
    },
    {
        "name": "Centre d’exploitation routière des Plateaux",
        "address": "Zone artisanale des Prés\n00200 Les Plateaux",
        "is_main_site": False,
    },
    {
        "name": "Archives départementales",
        "address": "4 avenue de la Mémoire\n00000 Chef-Lieu",
        "is_main_site": False,
    },
]

# The events' rooms in English, by their French name.
ROOMS_EN = {
    "Smart Class, salle 114": "Smart Class, room 114",
    "Salle du conseil": "Council room",
    "Smart Room, salle 112": "Smart Room, room 112",
    "Salle de lecture": "Reading room",
    "Atelier mécanique": "Mechanical workshop",
    "Smart Lab, plateau projet": "Smart Lab, project floor",
    "Smart Store, espace café": "Smart Store, café area",
    "Hall d’accueil": "Entrance hall",
}

# Events: kind, slug, days from the next Monday, start "HH:MM", duration in
# minutes, venue index, room (in English from ROOMS_EN), space of the
# Smart Corner whose offer it belongs to (the Smart Room's for events away
# from the main site), audience, then
# French and English fields.
EVENTS = [
    {
        "kind": "masterclass",
        "slug": "masterclass-agenda-partage",
        "day": 1,
        "time": "09:30",
        "minutes": 90,
        "venue": 0,
        "room": "Smart Class, salle 114",
        "space": "class",
        "audience": "staff",
        "capacity": 12,
        "fields": {"level": "beginner"},
        "fr": {
            "title": "Maîtriser son agenda partagé",
            "summary": "Planifier une réunion, partager son agenda et gérer les "
            "délégations en toute sérénité.",
            "topic": "Agenda partagé et planification de réunions",
            "prerequisites": "Disposer d’un compte de messagerie du Département.",
        },
        "en": {
            "title": "Mastering your shared calendar",
            "summary": "Schedule a meeting, share your calendar and handle "
            "delegations with confidence.",
            "topic": "Shared calendars and meeting planning",
            "prerequisites": "A département e-mail account.",
        },
    },
    {
        "kind": "masterclass",
        "slug": "masterclass-mots-de-passe",
        "day": 9,
        "time": "14:00",
        "minutes": 90,
        "venue": 1,
        "room": "Salle du conseil",
        "space": "room",
        "audience": "staff",
        "capacity": 15,
        "fields": {"level": "intermediate"},
        "fr": {
            "title": "Des mots de passe solides et faciles à retenir",
            "summary": "Gestionnaire de mots de passe, double authentification "
            "et bons réflexes face à l’hameçonnage.",
            "topic": "Sécurité des comptes",
            "prerequisites": "",
        },
        "en": {
            "title": "Strong passwords that are easy to remember",
            "summary": "Password managers, two-factor authentication and good "
            "habits against phishing.",
            "topic": "Account security",
            "prerequisites": "",
        },
    },
    {
        "kind": "round_table",
        "slug": "table-ronde-ia-service-public",
        "day": 3,
        "time": "14:00",
        "minutes": 120,
        "venue": 0,
        "room": "Smart Room, salle 112",
        "space": "room",
        "audience": "open",
        "capacity": 40,
        "fields": {},
        "fr": {
            "title": "L’intelligence artificielle au service des usagers",
            "summary": "Une experte, le témoignage d’une collectivité voisine, "
            "puis un atelier d’idéation.",
            "expert_name": "Claire Martin, chercheuse en sciences des données",
            "expert_topic": "Usages responsables de l’IA dans les administrations",
            "testimony": "La communauté de communes du Val d’Aulne présente son "
            "assistant de réponse aux courriels.",
            "problem_statement": "Comment l’IA peut-elle faire gagner du temps aux "
            "agents d’accueil sans dégrader la relation avec les usagers ?",
        },
        "en": {
            "title": "Artificial intelligence serving residents",
            "summary": "An expert, a testimony from a neighbouring authority, "
            "then an ideation workshop.",
            "expert_name": "Claire Martin, data science researcher",
            "expert_topic": "Responsible uses of AI in public administrations",
            "testimony": "The Val d’Aulne community of communes presents its "
            "e-mail reply assistant.",
            "problem_statement": "How can AI save time for front-desk staff "
            "without harming the relationship with residents?",
        },
    },
    {
        "kind": "round_table",
        "slug": "table-ronde-dematerialisation",
        "day": 17,
        "time": "10:00",
        "minutes": 120,
        "venue": 3,
        "room": "Salle de lecture",
        "space": "room",
        "audience": "staff",
        "capacity": 25,
        "fields": {},
        "fr": {
            "title": "Dématérialiser sans exclure",
            "summary": "Archivage électronique et accompagnement des publics "
            "éloignés du numérique.",
            "expert_name": "Paul Lefèvre, archiviste",
            "expert_topic": "Archivage électronique à valeur probante",
            "testimony": "",
            "problem_statement": "Comment garder un accueil humain quand les "
            "démarches passent en ligne ?",
        },
        "en": {
            "title": "Going paperless without leaving anyone behind",
            "summary": "Electronic archiving and support for people with little "
            "digital experience.",
            "expert_name": "Paul Lefèvre, archivist",
            "expert_topic": "Legally valid electronic archiving",
            "testimony": "",
            "problem_statement": "How can front desks stay human when procedures "
            "move online?",
        },
    },
    {
        "kind": "technology_workshop",
        "slug": "atelier-realite-virtuelle",
        "day": 7,
        "time": "09:00",
        "minutes": 180,
        "venue": 2,
        "room": "Atelier mécanique",
        "space": "room",
        "audience": "staff",
        "capacity": 20,
        "fields": {},
        "fr": {
            "title": "Réalité virtuelle et drones pour les routes",
            "summary": "Des démonstrateurs pour inspecter les ouvrages d’art et "
            "former aux gestes de sécurité.",
            "demonstrators": [
                (
                    "Casque de réalité virtuelle",
                    "Fournisseur de démonstration",
                    "Formation des agents d’exploitation aux chantiers",
                ),
                (
                    "Drone d’inspection",
                    "Start-up régionale",
                    "Inspection des ponts et des murs de soutènement",
                ),
            ],
        },
        "en": {
            "title": "Virtual reality and drones for roads",
            "summary": "Demonstrators to inspect bridges and to train staff in "
            "safety procedures.",
            "demonstrators": [
                (
                    "Virtual reality headset",
                    "Demonstration supplier",
                    "Training road maintenance staff for worksites",
                ),
                (
                    "Inspection drone",
                    "Regional start-up",
                    "Inspecting bridges and retaining walls",
                ),
            ],
        },
    },
    {
        "kind": "technology_workshop",
        "slug": "atelier-objets-connectes",
        "day": 22,
        "time": "14:00",
        "minutes": 120,
        "venue": 0,
        "room": "Smart Lab, plateau projet",
        "space": "lab",
        "audience": "open",
        "capacity": 20,
        "fields": {},
        "fr": {
            "title": "Capteurs connectés dans les collèges",
            "summary": "Mesurer la qualité de l’air et la consommation d’énergie "
            "des bâtiments.",
            "demonstrators": [
                (
                    "Capteur de CO₂",
                    "Fabricant local",
                    "Gestionnaires des collèges, agents d’entretien",
                ),
            ],
        },
        "en": {
            "title": "Connected sensors in secondary schools",
            "summary": "Measuring air quality and energy use in buildings.",
            "demonstrators": [
                (
                    "CO₂ sensor",
                    "Local manufacturer",
                    "School managers, maintenance staff",
                ),
            ],
        },
    },
    {
        "kind": "digital_cafe",
        "slug": "cafe-numerique-signature-electronique",
        "day": 4,
        "time": "12:30",
        "minutes": 60,
        "venue": 0,
        "room": "Smart Store, espace café",
        "space": "store",
        "audience": "staff",
        "capacity": None,
        "fields": {},
        "fr": {
            "title": "La signature électronique des courriers",
            "summary": "Retour d’expérience sur le circuit de signature des "
            "courriers de la direction des solidarités.",
            "project": "Parapheur électronique",
            "it_presenter": "Julie Bernard, cheffe de projet DSI",
            "business_presenter": "Karim Haddad, responsable administratif",
            "business_department": "Direction des solidarités",
        },
        "en": {
            "title": "Signing letters electronically",
            "summary": "Lessons learned from the signing workflow of the social "
            "services directorate.",
            "project": "Electronic signature workflow",
            "it_presenter": "Julie Bernard, IT project manager",
            "business_presenter": "Karim Haddad, administrative manager",
            "business_department": "Social services directorate",
        },
    },
    {
        "kind": "digital_cafe",
        "slug": "cafe-numerique-portail-usagers",
        "day": 15,
        "time": "12:30",
        "minutes": 60,
        "venue": 1,
        "room": "Hall d’accueil",
        "space": "room",
        "audience": "open",
        "capacity": 30,
        "fields": {},
        "fr": {
            "title": "Le nouveau portail des démarches en ligne",
            "summary": "Comment le portail a été conçu avec les usagers et les "
            "agents d’accueil.",
            "project": "Portail des démarches",
            "it_presenter": "Sophie Moreau, architecte applicative",
            "business_presenter": "Luc Girard, chef du service accueil",
            "business_department": "Direction de la relation aux usagers",
        },
        "en": {
            "title": "The new online procedures portal",
            "summary": "How the portal was designed with residents and "
            "front-desk staff.",
            "project": "Online procedures portal",
            "it_presenter": "Sophie Moreau, software architect",
            "business_presenter": "Luc Girard, head of reception services",
            "business_department": "Resident relations directorate",
        },
    },
]

# The legal page template renders the publisher, host, data controller,
# compliance status, audit, contact and recourse from SiteSettings (seeded by
# accounts.demo). The texts below contain only the other sections, so that
# no section appears twice or contradicts the settings.
LEGAL_PAGES = [
    {
        "slug": "mentions-legales",
        "kind": "legal_notice",
        "fr": {
            "title": "Mentions légales",
            "body": (
                "<h2>Propriété intellectuelle</h2>"
                "<p>Les textes et les images de ce site appartiennent au "
                "Département, sauf mention contraire. Leur réutilisation à des "
                "fins internes au service public est libre, avec citation de la "
                "source.</p>"
                "<h2>Liens vers d’autres sites</h2>"
                "<p>Le Département n’est pas responsable du contenu des sites "
                "vers lesquels renvoient les liens de ce site.</p>"
            ),
        },
        "en": {
            "slug": "legal-notice",
            "title": "Legal notice",
            "body": (
                "<h2>Intellectual property</h2>"
                "<p>Texts and images on this site belong to the département unless "
                "stated otherwise. They may be reused for public-service purposes, "
                "citing the source.</p>"
                "<h2>Links to other sites</h2>"
                "<p>The département is not responsible for the content of the "
                "sites that this site links to.</p>"
            ),
        },
    },
    {
        "slug": "donnees-personnelles",
        "kind": "personal_data",
        "fr": {
            "title": "Données personnelles",
            "body": (
                "<h2>Finalités</h2>"
                "<p>Le Département traite vos données pour gérer votre compte, vos "
                "inscriptions aux événements, vos réservations de matériel et vos "
                "contributions au Smart Lab.</p>"
                "<h2>Données traitées</h2>"
                "<ul><li>Nom, prénom, adresse électronique professionnelle, "
                "direction ou "
                "organisation ;</li><li>inscriptions, présences et "
                "réservations ;</li><li>idées, votes et commentaires "
                "publiés.</li></ul>"
                "<h2>Durée de conservation</h2>"
                "<p>Les données d’un compte sont supprimées un an après le départ "
                "de l’agent ou la fin du partenariat. Les indicateurs du comité "
                "sont agrégés et ne permettent pas de suivre une personne.</p>"
            ),
        },
        "en": {
            "slug": "personal-data",
            "title": "Personal data",
            "body": (
                "<h2>Purposes</h2>"
                "<p>The département processes your data to manage your account, "
                "your event registrations, your equipment bookings and your "
                "contributions to the Smart Lab.</p>"
                "<h2>Data processed</h2>"
                "<ul><li>Name, professional e-mail address, directorate or "
                "organisation;</li><li>registrations, attendance and "
                "bookings;</li><li>ideas, votes and comments you publish.</li></ul>"
                "<h2>Retention</h2>"
                "<p>An account’s data is deleted one year after the staff member "
                "leaves or the partnership ends. The committee’s indicators are "
                "aggregated and cannot track a person.</p>"
            ),
        },
    },
    {
        "slug": "declaration-accessibilite",
        "kind": "accessibility",
        "fr": {
            "title": "Déclaration d’accessibilité",
            "body": (
                "<h2>Contenus non accessibles</h2>"
                "<ul><li>Certaines images publiées avant l’audit n’ont pas encore "
                "d’alternative textuelle pertinente ;</li><li>le mode "
                "projection du tableau d’idées n’annonce pas encore toutes les "
                "mises à jour en direct ;</li><li>quelques documents PDF "
                "anciens ne sont pas balisés.</li></ul>"
                "<h2>Établissement de cette déclaration</h2>"
                "<p>L’audit a porté sur un échantillon de dix pages. Technologies "
                "utilisées : HTML, CSS, JavaScript. Tests réalisés avec les "
                "navigateurs Firefox et Chromium, les lecteurs d’écran NVDA et "
                "Orca, et des outils d’analyse automatique.</p>"
            ),
        },
        "en": {
            "slug": "accessibility-statement",
            "title": "Accessibility statement",
            "body": (
                "<h2>Non-accessible content</h2>"
                "<ul><li>Some images published before the audit do not have a "
                "relevant text alternative yet;</li><li>the projection mode of the "
                "idea board does not announce every live update yet;</li><li>a "
                "few older PDF documents are not tagged.</li></ul>"
                "<h2>Preparation of this statement</h2>"
                "<p>The audit covered a sample of ten pages. Technologies used: "
                "HTML, CSS, JavaScript. Tests were carried out with Firefox and "
                "Chromium, the NVDA and Orca screen readers, and automated "
                "checking tools.</p>"
            ),
        },
    },
]

# Demo accounts. ``groups`` names constants of accounts.groups.
USERS = [
    {
        "email": "agent@example.org",
        "first_name": "Camille",
        "last_name": "Durand",
        "kind": "agent",
        "department": "Direction des routes",
    },
    {
        "email": "agent2@example.org",
        "first_name": "Nicolas",
        "last_name": "Petit",
        "kind": "agent",
        "department": "Direction des collèges",
    },
    {
        "email": "agent3@example.org",
        "first_name": "Amina",
        "last_name": "Benali",
        "kind": "agent",
        "department": "Direction des solidarités",
    },
    {
        "email": "agent4@example.org",
        "first_name": "Hugo",
        "last_name": "Roux",
        "kind": "agent",
        "department": "Direction des finances",
    },
    {
        "email": "partenaire@example.org",
        "first_name": "Élodie",
        "last_name": "Fontaine",
        "kind": "partner",
        "organisation": "Communauté de communes du Val d’Aulne",
    },
    {
        "email": "editeur@example.org",
        "first_name": "Inès",
        "last_name": "Garnier",
        "kind": "agent",
        "department": "Direction de la communication",
        "groups": ["EDITORS"],
        "is_staff": True,
    },
    {
        "email": "animateur@example.org",
        "first_name": "Thomas",
        "last_name": "Leroy",
        "kind": "agent",
        "department": "Smart Lab",
        "groups": ["LAB_FACILITATORS"],
        "is_staff": True,
    },
    {
        "email": "boutique@example.org",
        "first_name": "Sarah",
        "last_name": "Mercier",
        "kind": "agent",
        "department": "Smart Store",
        "groups": ["STORE_STAFF"],
        "is_staff": True,
    },
    {
        "email": "comite@example.org",
        "first_name": "Jean",
        "last_name": "Lambert",
        "kind": "agent",
        "department": "Direction générale des services",
        "groups": ["COMMITTEE"],
        "is_staff": True,
    },
]
