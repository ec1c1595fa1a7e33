"""Texts of the demo documentation resources, in French and English.

Each entry has a stable ``slug`` (the key that makes re-runs update rather
than duplicate). An entry without ``"en"`` would stay French only. Every
demo resource is translated, because the demo promises an English version of
each page.
"""

THEMES = [
    {
        "slug": "outils-collaboratifs",
        "fr": {"name": "Outils collaboratifs", "description": "Travailler à plusieurs"},
        "en": {"name": "Collaboration tools", "description": "Working together"},
    },
    {
        "slug": "securite-numerique",
        "fr": {"name": "Sécurité numérique", "description": "Protéger ses données"},
        "en": {"name": "Digital security", "description": "Protecting your data"},
    },
    {
        "slug": "accessibilite",
        "fr": {"name": "Accessibilité", "description": "Un service pour tous"},
        "en": {"name": "Accessibility", "description": "A service for everyone"},
    },
    {
        "slug": "intelligence-artificielle",
        "fr": {
            "name": "Intelligence artificielle",
            "description": "Usages et précautions",
        },
        "en": {"name": "Artificial intelligence", "description": "Uses and cautions"},
    },
]

INDEX = {
    "slug": "ressources",
    "fr": {
        "title": "Ressources documentaires",
        "intro": (
            "Guides, tutoriels vidéo, articles et fiches outils pour vous approprier "
            "les outils numériques du Département, à votre rythme."
        ),
    },
    "en": {
        "slug": "resources",
        "title": "Documentation resources",
        "intro": (
            "Guides, video tutorials, articles and tool sheets to get to grips with "
            "the département’s digital tools, at your own pace."
        ),
    },
}

RESOURCES = [
    {
        "slug": "bien-demarrer-suite-collaborative",
        "kind": "guide",
        "level": "beginner",
        "audience": "all_staff",
        "themes": ["outils-collaboratifs"],
        "featured": True,
        "colour": (91, 58, 158),
        "fr": {
            "title": "Bien démarrer avec la suite collaborative",
            "summary": (
                "Messagerie, agenda partagé, documents en ligne : les premiers "
                "réglages et les bons réflexes pour travailler en équipe."
            ),
            "body": [
                ("heading", "Avant de commencer"),
                (
                    "paragraph",
                    "<p>Connectez-vous avec votre identifiant habituel. Votre espace "
                    "de stockage personnel et celui de votre service sont créés "
                    "automatiquement.</p>",
                ),
                ("heading", "Partager un document"),
                (
                    "paragraph",
                    "<p>Ouvrez le document, choisissez « Partager », puis saisissez "
                    "le nom de vos collègues. Préférez le partage à l’envoi d’une "
                    "pièce jointe : chacun travaille sur la même version.</p>",
                ),
            ],
        },
        "en": {
            "title": "Getting started with the collaboration suite",
            "summary": (
                "E-mail, shared calendar, online documents: the first settings and "
                "good habits for working as a team."
            ),
            "body": [
                ("heading", "Before you start"),
                (
                    "paragraph",
                    "<p>Sign in with your usual identifier. Your personal storage "
                    "and your department’s are created automatically.</p>",
                ),
                ("heading", "Sharing a document"),
                (
                    "paragraph",
                    "<p>Open the document, choose “Share”, then type your colleagues’ "
                    "names. Share rather than attach: everyone works on the same "
                    "version.</p>",
                ),
            ],
        },
    },
    {
        "slug": "visioconference-accessible",
        "kind": "video_tutorial",
        "level": "beginner",
        "audience": "all_staff",
        "themes": ["outils-collaboratifs", "accessibilite"],
        "featured": True,
        "external_url": "https://videos.example.org/smart-corner/visio-accessible",
        "reading_minutes": 6,
        "colour": (10, 110, 79),
        "fr": {
            "title": "Organiser une visioconférence accessible",
            "summary": (
                "Six minutes pour activer les sous-titres, décrire ses supports et "
                "donner la parole à chacun."
            ),
            "body": [
                (
                    "paragraph",
                    "<p>Ce tutoriel montre pas à pas comment préparer une réunion à "
                    "distance que toutes et tous peuvent suivre.</p>",
                ),
            ],
        },
        "en": {
            "title": "Running an accessible video meeting",
            "summary": (
                "Six minutes to turn on captions, describe your slides and give "
                "everyone the floor."
            ),
            "body": [
                (
                    "paragraph",
                    "<p>This tutorial shows step by step how to prepare a remote "
                    "meeting that everyone can follow.</p>",
                ),
            ],
        },
    },
    {
        "slug": "ia-generative-service-public",
        "kind": "article",
        "level": "intermediate",
        "audience": "all_staff",
        "themes": ["intelligence-artificielle"],
        "featured": True,
        "colour": (176, 72, 24),
        "fr": {
            "title": "L’IA générative au service public : usages et précautions",
            "summary": (
                "Ce que les assistants conversationnels peuvent faire pour vous, "
                "et les données qu’il ne faut jamais leur confier."
            ),
            "body": [
                ("heading", "Des usages utiles"),
                (
                    "paragraph",
                    "<p>Reformuler un courrier, résumer un long rapport ou préparer "
                    "un plan de présentation : l’assistant fait gagner du temps, à "
                    "condition de relire ce qu’il produit.</p>",
                ),
                ("heading", "Des précautions indispensables"),
                (
                    "paragraph",
                    "<p>Ne saisissez jamais de données personnelles d’usagers ni "
                    "d’informations confidentielles dans un service en ligne non "
                    "validé par la direction du numérique.</p>",
                ),
            ],
        },
        "en": {
            "title": "Generative AI in public service: uses and cautions",
            "summary": (
                "What chat assistants can do for you, and the data you must never "
                "give them."
            ),
            "body": [
                ("heading", "Useful uses"),
                (
                    "paragraph",
                    "<p>Rewording a letter, summarising a long report or outlining a "
                    "presentation: the assistant saves time, provided you check what "
                    "it writes.</p>",
                ),
                ("heading", "Essential cautions"),
                (
                    "paragraph",
                    "<p>Never type citizens’ personal data or confidential "
                    "information into an online service that the digital department "
                    "has not approved.</p>",
                ),
            ],
        },
    },
    {
        "slug": "gestionnaire-mots-de-passe",
        "kind": "tool_sheet",
        "level": "beginner",
        "audience": "all_staff",
        "themes": ["securite-numerique"],
        "featured": False,
        "document": {
            "title": "Fiche pratique : gestionnaire de mots de passe",
            "file_name": "fiche-gestionnaire-mots-de-passe.txt",
            "text": (
                "Fiche pratique – gestionnaire de mots de passe\n\n"
                "1. Installez le gestionnaire fourni par le Département.\n"
                "2. Choisissez une phrase de passe longue et unique.\n"
                "3. Laissez le gestionnaire créer les autres mots de passe.\n"
            ),
        },
        "colour": (12, 74, 110),
        "fr": {
            "title": "Fiche outil : le gestionnaire de mots de passe",
            "summary": (
                "Un seul mot de passe à retenir, tous les autres créés et rangés "
                "pour vous."
            ),
            "body": [
                (
                    "paragraph",
                    "<p>Le gestionnaire retient vos mots de passe et les remplit à "
                    "votre place. Il ne vous reste qu’une phrase de passe à "
                    "mémoriser.</p>",
                ),
            ],
        },
        "en": {
            "title": "Tool sheet: the password manager",
            "summary": "One password to remember, all the others created and stored.",
            "body": [
                (
                    "paragraph",
                    "<p>The password manager remembers your passwords and fills them "
                    "in for you. You only need to remember one passphrase.</p>",
                ),
            ],
        },
    },
    {
        "slug": "referentiel-rgaa",
        "kind": "external_reference",
        "level": "advanced",
        "audience": "digital_referents",
        "themes": ["accessibilite"],
        "featured": True,
        "external_url": "https://accessibilite.numerique.gouv.fr/",
        "colour": (0, 95, 115),
        "fr": {
            "title": "Référentiel général d’amélioration de l’accessibilité (RGAA)",
            "summary": (
                "Le référentiel officiel qui décrit les critères d’accessibilité "
                "des sites et applications publics."
            ),
            "body": [],
        },
        "en": {
            "title": "French accessibility standard (RGAA)",
            "summary": (
                "The official standard that lists the accessibility criteria of "
                "public websites and applications."
            ),
            "body": [],
        },
    },
    {
        "slug": "guide-hygiene-informatique",
        "kind": "external_reference",
        "level": "intermediate",
        "audience": "all_staff",
        "themes": ["securite-numerique"],
        "featured": False,
        "external_url": "https://cyber.gouv.fr/publications/guide-dhygiene-informatique",
        "colour": (60, 60, 60),
        "fr": {
            "title": "Guide d’hygiène informatique de l’ANSSI",
            "summary": "Quarante-deux mesures pour sécuriser un système d’information.",
            "body": [],
        },
        "en": {
            "title": "ANSSI’s IT hygiene guide",
            "summary": "Forty-two measures to secure an information system.",
            "body": [],
        },
    },
    {
        "slug": "tableau-blanc-smart-room",
        "kind": "tool_sheet",
        "level": "beginner",
        "audience": "all_staff",
        "themes": ["outils-collaboratifs"],
        "featured": False,
        "colour": (120, 40, 90),
        "fr": {
            "title": "Fiche outil : le tableau blanc numérique de la Smart Room",
            "summary": (
                "Allumer l’écran, projeter depuis votre ordinateur et enregistrer "
                "vos notes en fin de séance."
            ),
            "body": [
                (
                    "paragraph",
                    "<p>Touchez l’écran pour le réveiller, puis choisissez « Projeter »"
                    ". À la fin, « Enregistrer » envoie vos notes à l’adresse de "
                    "votre choix.</p>",
                ),
            ],
        },
        "en": {
            "title": "Tool sheet: the Smart Room’s digital whiteboard",
            "summary": (
                "Wake the screen, share from your laptop and save your notes at the "
                "end of the session."
            ),
            "body": [
                (
                    "paragraph",
                    "<p>Touch the screen to wake it, then choose “Share”. At the end, "
                    "“Save” sends your notes to the address you choose.</p>",
                ),
            ],
        },
    },
]
