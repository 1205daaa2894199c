"""The Dutch demo site: three courses, ~30 learners, a moderator and a facilitator.

Times are relative to now, so the queue always shows questions waiting for hours and
days. Every account's password is DEMO_PASSWORD: a sandbox-only, documented value.
"""

from __future__ import annotations

from moderator_app.sandbox.state import SandboxState

DEMO_PASSWORD = "demo"
MODERATOR = "moderator"
FACILITATOR = "facilitator"
POLICY_NAME = "Mijn cursuswerk delen met medecursisten"

H = 3600
D = 86400

LEARNERS = [
    ("sanne", "Sanne", "Jansen"),
    ("daan", "Daan", "Visser"),
    ("fleur", "Fleur", "Smit"),
    ("lars", "Lars", "de Boer"),
    ("noor", "Noor", "Mulder"),
    ("bram", "Bram", "van Dijk"),
    ("eva", "Eva", "Meijer"),
    ("sem", "Sem", "de Groot"),
    ("lotte", "Lotte", "Bos"),
    ("youssef", "Youssef", "El Amrani"),
    ("emma", "Emma", "de Jong"),
    ("lucas", "Lucas", "Vermeulen"),
    ("julia", "Julia", "van den Berg"),
    ("thijs", "Thijs", "Hendriks"),
    ("anouk", "Anouk", "Dekker"),
    ("ruben", "Ruben", "Peters"),
    ("iris", "Iris", "van Leeuwen"),
    ("milan", "Milan", "Brouwer"),
    ("femke", "Femke", "de Wit"),
    ("jesse", "Jesse", "Dijkstra"),
    ("sophie", "Sophie", "Smits"),
    ("tim", "Tim", "de Graaf"),
    ("lisa", "Lisa", "van der Meer"),
    ("kevin", "Kevin", "Koster"),
    ("roos", "Roos", "Prins"),
    ("stijn", "Stijn", "Huisman"),
    ("fatima", "Fatima", "Bakkali"),
    ("joris", "Joris", "Kok"),
    ("maaike", "Maaike", "Jacobs"),
    ("niels", "Niels", "van Wijk"),
]

COMM = [
    "sanne",
    "daan",
    "fleur",
    "lars",
    "noor",
    "bram",
    "eva",
    "sem",
    "lotte",
    "youssef",
    "emma",
    "lucas",
    "julia",
    "thijs",
    "anouk",
    "ruben",
]
LEID = [
    "sanne",
    "daan",
    "noor",
    "bram",
    "iris",
    "milan",
    "femke",
    "jesse",
    "sophie",
    "tim",
    "lisa",
    "kevin",
]
TIME = [
    "fleur",
    "lars",
    "eva",
    "roos",
    "stijn",
    "fatima",
    "joris",
    "maaike",
    "niels",
    "emma",
    "lucas",
    "julia",
    "kevin",
    "sophie",
]

POLICY_ACCEPTED = [
    "sanne",
    "daan",
    "noor",
    "bram",
    "eva",
    "emma",
    "iris",
    "roos",
    "joris",
    "maaike",
    "lucas",
]
POLICY_DECLINED = ["lars", "tim"]


def seed_demo(state: SandboxState) -> None:
    """Fill an empty sandbox with the demo. Runs in one transaction."""
    with state.tx():
        _seed(state)


def _seed(state: SandboxState) -> None:
    now = state.now()
    state.set_meta("sitename", "Leerplein Demo")
    uid: dict[str, int] = {}
    uid[MODERATOR] = state.add_user(MODERATOR, "Marieke", "de Vries", password=DEMO_PASSWORD)
    uid[FACILITATOR] = state.add_user(FACILITATOR, "Joost", "Bakker", password=DEMO_PASSWORD)
    for username, first, last in LEARNERS:
        uid[username] = state.add_user(
            username, first, last, password=DEMO_PASSWORD, policy_agreed=username != "youssef"
        )

    comm = state.add_course(
        "COMM-2026",
        "Communicatievaardigheden",
        "<p>Luisteren, feedback geven en lastige gesprekken voeren.</p>",
    )
    leid = state.add_course(
        "LEID-2026",
        "Leidinggeven op afstand",
        "<p>Vertrouwen, contact en resultaat in een verspreid team.</p>",
    )
    time_ = state.add_course(
        "TIME-2026", "Timemanagement", "<p>Prioriteiten stellen en je week plannen.</p>"
    )
    for course, learners in ((comm, COMM), (leid, LEID), (time_, TIME)):
        state.enrol(course, uid[MODERATOR], "editingteacher")
        state.enrol(course, uid[FACILITATOR], "teacher")
        for name in learners:
            state.enrol(course, uid[name], "student")
    group_a = state.add_group(leid, "Groep A", [uid[n] for n in LEID[:6]] + [uid[FACILITATOR]])
    state.add_group(leid, "Groep B", [uid[n] for n in LEID[6:]] + [uid[FACILITATOR]])

    def ago(seconds: int) -> int:
        return now - seconds

    # -- Communicatievaardigheden ----------------------------------------------------
    intro = state.add_forum(
        comm,
        "Stel je voor",
        "general",
        "<p>Vertel meer dan je naam en functie: wat is jouw <strong>levensmotto</strong>, "
        "en waarom past het bij jou?</p>",
    )
    d = state.add_discussion(
        intro,
        uid[MODERATOR],
        "Welkom! Wat is jouw levensmotto?",
        "<p>Welkom in de cursus! Stel je voor in een paar zinnen en deel je "
        '<strong>levensmotto</strong>. Het mijne: <em>"Eerst begrijpen, dan begrepen '
        'worden."</em></p>',
        created=ago(9 * D),
    )
    mottos = [
        (
            "sanne",
            '<p>Ik ben Sanne, teamleider klantenservice. Mijn motto: <strong>"Wie niet '
            'vraagt, blijft dom."</strong> Ik stel liever één vraag te veel.</p>',
        ),
        (
            "daan",
            '<p>Daan hier, projectleider. Motto: <em>"Afspraak is afspraak."</em> '
            "Betrouwbaarheid vind ik het belangrijkst in samenwerking.</p>",
        ),
        (
            "noor",
            "<p>Hoi allemaal! Ik ben Noor. Mijn motto is:</p><blockquote>Het leven is "
            "10% wat je overkomt en 90% hoe je erop reageert.</blockquote>",
        ),
        (
            "bram",
            '<p>Bram, HR-adviseur. <strong>"Doe maar gewoon, dan doe je al gek '
            'genoeg."</strong> Al probeer ik daar soms juist van af te wijken.</p>',
        ),
    ]
    for i, (name, html) in enumerate(mottos):
        state.add_post(d, uid[name], html, created=ago((8 - i) * D))
    state.add_post(
        d,
        uid[MODERATOR],
        "<p>Wat een mooie mix van motto's! Noor, waar komt dat citaat voor jou vandaan?</p>",
        created=ago(3 * D),
    )
    state.add_post(
        d,
        uid["lucas"],
        "<p>Ik ben Lucas en nieuw in deze rol. Mijn motto: "
        '<strong>"Elke dag een beetje beter."</strong> Ik hoop hier veel te '
        "leren over feedback.</p>",
        created=ago(5 * H),
    )

    vragen = state.add_forum(
        comm,
        "Vragen aan de begeleider",
        "general",
        "<p>Stel hier je vragen over de opdrachten en de planning.</p>",
    )
    state.add_discussion(
        vragen,
        uid[MODERATOR],
        "Lees dit eerst: zo werkt dit forum",
        "<p>Stel één vraag per onderwerp. We reageren <strong>binnen één werkdag</strong>.</p>"
        "<ul><li>Zoek eerst of je vraag al gesteld is</li><li>Geef je onderwerp een duidelijke "
        'titel</li><li>Persoonlijke zaken? Stuur een <a href="https://example.org/contact">'
        "bericht</a></li></ul>",
        created=ago(14 * D),
        pinned=True,
    )
    state.add_discussion(
        vragen,
        uid["lotte"],
        "Wanneer is het live-webinar?",
        "<p>Ik kan het rooster niet vinden. Wanneer is het live-webinar over feedback?</p>",
        created=ago(3 * H),
    )
    d = state.add_discussion(
        vragen,
        uid["sem"],
        "Feedback op mijn casus: anoniem?",
        "<p>Mag ik mijn casus <strong>anoniem</strong> delen met de groep? Er staan collega's "
        "in die herkenbaar zijn.</p>",
        created=ago(6 * D),
    )
    state.add_post(
        d,
        uid[MODERATOR],
        "<p>Ja, dat mag. Vervang namen door rollen, "
        'bijvoorbeeld <em>"mijn leidinggevende"</em>.</p>',
        created=ago(5 * D),
    )
    state.add_post(
        d,
        uid["sem"],
        "<p>Dank je! En mag ik de casus ook als bijlage delen in plaats van in de tekst?</p>",
        created=ago(20 * H),
    )
    d = state.add_discussion(
        vragen,
        uid["bram"],
        "Podcast aflevering 3 werkt niet",
        "<p>De link naar aflevering 3 geeft een foutmelding.</p>",
        created=ago(2 * D),
    )
    state.add_post(
        d,
        uid[FACILITATOR],
        "<p>Dank voor het melden! De link is hersteld: "
        '<a href="https://example.org/podcast/3">aflevering 3</a>.</p>',
        created=ago(1 * D),
    )
    d = state.add_discussion(
        vragen,
        uid["fleur"],
        "Persoonlijke omstandigheden",
        "<p>Ik ben volgende week afwezig door persoonlijke omstandigheden. Kan ik de "
        "deadline verschuiven?</p>",
        created=ago(2 * D + 4 * H),
    )
    state.add_post(
        d,
        uid[FACILITATOR],
        "<p>Dat is geen probleem; ik stuur je een nieuwe datum.</p>",
        created=ago(1 * D + 6 * H),
        private_to=uid["fleur"],
    )
    state.add_discussion(
        vragen,
        uid["lars"],
        "Hoe lang moet de reflectie zijn?",
        '<p>In opdracht 2 staat "een korte reflectie". Hoeveel woorden bedoelen jullie '
        "ongeveer?</p>",
        created=ago(3 * D),
    )
    d = state.add_discussion(
        vragen,
        uid["eva"],
        "Deadline opdracht 1",
        "<p>Is de deadline van opdracht 1 vrijdag <strong>om 17:00</strong> of om middernacht?</p>",
        created=ago(5 * D),
    )
    state.add_post(d, uid[FACILITATOR], "<p>Vrijdag om 23:59 is goed.</p>", created=ago(4 * D))
    d = state.add_discussion(
        vragen,
        uid["thijs"],
        "Oude vraag: inlogproblemen",
        "<p>Ik kan niet inloggen in de videotool.</p>",
        created=ago(10 * D),
        locked=True,
    )
    state.add_post(
        d,
        uid[MODERATOR],
        "<p>Opgelost na de update van maandag. Ik sluit deze discussie.</p>",
        created=ago(9 * D),
    )

    qanda = state.add_forum(
        comm,
        "Reflectie: feedback geven",
        "qanda",
        "<p>Beantwoord eerst zelf de vraag; daarna zie je de antwoorden van anderen.</p>",
    )
    d = state.add_discussion(
        qanda,
        uid[MODERATOR],
        "Wat maakt feedback voor jou bruikbaar?",
        "<p>Denk eerst even na (neem er de tijd voor): wanneer heb je feedback gekregen waar "
        "je echt iets mee kon? Wat maakte het bruikbaar?</p>",
        created=ago(4 * D),
    )
    state.add_post(
        d,
        uid["daan"],
        "<p>Als iemand eerst vraagt wat ik zelf al zie, en dan "
        "<strong>één concreet voorbeeld</strong> geeft.</p>",
        created=ago(2 * D),
    )
    state.add_post(
        d,
        uid["noor"],
        "<p>Feedback die over gedrag gaat en niet over mij als "
        "persoon.</p><ol><li>Concreet</li><li>Op tijd</li><li>Met een "
        "vraag erbij</li></ol>",
        created=ago(30 * H),
    )

    cases = state.add_forum(
        comm,
        "Casusbespreking",
        "general",
        "<p>Breng een casus in uit je eigen werk en reageer op die van anderen.</p>",
    )
    d = state.add_discussion(
        cases,
        uid["julia"],
        "Casus: een collega die steeds te laat komt",
        "<p>Een collega komt al weken te laat bij het overleg. Ik wil het bespreken zonder "
        "dat het een conflict wordt.</p><ul><li>Wanneer zeg je er iets van?</li><li>Doe je "
        "dat één-op-één?</li></ul>",
        created=ago(4 * D),
    )
    state.add_post(
        d,
        uid["anouk"],
        "<blockquote>Zonder dat het een conflict wordt"
        "</blockquote><p>Begin met wat je ziet, niet met wat je denkt. Zie ook "
        '<a href="https://example.org/feedbackmodel">het feedbackmodel</a>.</p>',
        created=ago(3 * D),
    )
    state.add_post(
        d,
        uid["julia"],
        "<p>Goede tip, dank je. Hoe pakken de begeleiders dit "
        "aan als het gedrag daarna niet verandert?</p>",
        created=ago(26 * H),
    )

    webinar = state.add_choice(
        comm,
        "Wanneer past het live-webinar jou het best?",
        ["Dinsdagavond 19:30", "Woensdagochtend 9:00", "Donderdagmiddag 14:00"],
        intro="<p>Kies het moment dat voor jou het beste werkt.</p>",
        publish=True,
        showresults=1,
        allowupdate=True,
    )
    opts = [o["id"] for o in state.choice_options(webinar)]
    for name, option in (
        ("sanne", 0),
        ("daan", 1),
        ("fleur", 2),
        ("lars", 0),
        ("noor", 1),
        ("bram", 2),
        ("eva", 0),
    ):
        state.answer_choice(webinar, uid[name], [opts[option]])
    safety = state.add_choice(
        comm,
        "Hoe veilig voel je je om feedback te geven?",
        ["Heel veilig", "Redelijk veilig", "Niet veilig"],
        intro="<p>Anonieme peiling.</p>",
        publish=False,
        showresults=3,
    )
    opts = [o["id"] for o in state.choice_options(safety)]
    for name, option in (
        ("sanne", 0),
        ("daan", 1),
        ("fleur", 0),
        ("lars", 2),
        ("noor", 0),
        ("bram", 1),
        ("eva", 2),
    ):
        state.answer_choice(safety, uid[name], [opts[option]])

    # -- Leidinggeven op afstand -----------------------------------------------------
    share = state.add_forum(
        leid,
        "Ervaringen delen",
        "general",
        "<p>Deel je ervaringen met leidinggeven op afstand binnen je eigen groep.</p>",
        groupmode=1,
    )
    state.add_discussion(
        share,
        uid["sanne"],
        "Hoe houd je contact met je team?",
        "<p>Mijn team werkt vier dagen thuis. Hoe houden jullie <strong>informeel "
        "contact</strong>?</p>",
        created=ago(2 * D),
        group_id=group_a,
    )
    d = state.add_discussion(
        share,
        uid["lisa"],
        "Vertrouwen zonder controle",
        "<p>Ik merk dat ik vaak wil checken of iets af is. Hoe laat je dat los?</p>",
        created=ago(36 * H),
        group_id=group_a + 1,
    )
    state.add_post(
        d,
        uid["kevin"],
        "<p>Herkenbaar! Ik spreek nu vooraf af wanneer ik iets terugzie.</p>",
        created=ago(26 * H),
    )
    state.add_discussion(
        share,
        uid[MODERATOR],
        "Opdracht week 2: jouw teamafspraken",
        "<p>Deel drie afspraken die jouw team helpen op afstand. Reageer op ten minste één "
        "andere deelnemer.</p>",
        created=ago(4 * D),
    )
    ask = state.add_forum(
        leid,
        "Vraag het de coach",
        "qanda",
        "<p>Stel je vraag aan de coach; antwoorden zie je na je eigen bijdrage.</p>",
    )
    d = state.add_discussion(
        ask,
        uid[MODERATOR],
        "Welke tool gebruik jij voor je weekstart?",
        "<p>Beschrijf kort hoe jouw team de week begint.</p>",
        created=ago(5 * D),
    )
    state.add_post(
        d,
        uid["iris"],
        "<p>Een kwartier videobellen op maandag, <strong>camera aan</strong>.</p>",
        created=ago(40 * H),
    )

    # -- Timemanagement --------------------------------------------------------------
    tips = state.add_forum(
        time_, "Tips en trucs", "general", "<p>Deel wat jou helpt om je week te plannen.</p>"
    )
    d = state.add_discussion(
        tips,
        uid[MODERATOR],
        "Jouw beste planningstip",
        "<p>Wat is de ene gewoonte die jouw week het meest heeft verbeterd?</p>",
        created=ago(12 * D),
    )
    state.add_post(
        d,
        uid["roos"],
        "<p>Elke vrijdag mijn drie prioriteiten voor de volgende week opschrijven.</p>",
        created=ago(10 * D),
    )
    state.add_post(
        d, uid[FACILITATOR], "<p>Mooi, Roos! Wie herkent dit?</p>", created=ago(9 * D)
    )  # quiet since: no learner post for over a week
    plan = state.add_forum(
        time_,
        "Vragen over planning",
        "general",
        "<p>Vragen over de opdrachten en de planningstools.</p>",
    )
    state.add_discussion(
        plan,
        uid["stijn"],
        "Pomodoro of tijdblokken?",
        "<p>Wat werkt beter voor iemand met veel onderbrekingen: <strong>pomodoro</strong> "
        "of vaste tijdblokken?</p>",
        created=ago(5 * D),
    )
    d = state.add_discussion(
        plan,
        uid["fatima"],
        "Weekplanning inleveren",
        "<p>Moet de weekplanning als PDF of mag het een foto zijn?</p>",
        created=ago(4 * D),
    )
    state.add_post(
        d, uid[MODERATOR], "<p>Allebei prima, als het maar leesbaar is.</p>", created=ago(3 * D)
    )
    state.add_discussion(
        plan,
        uid["maaike"],
        "Hulp bij het stellen van grenzen",
        "<p>Hoe zeg ik <em>nee</em> tegen mijn leidinggevende zonder onbeleefd te zijn?</p>",
        created=ago(9 * H),
    )

    # -- the optional policy --------------------------------------------------------
    policy = state.add_policy(
        POLICY_NAME,
        "<p>Mag de begeleider jouw cursuswerk (geanonimiseerd) delen met medecursisten?</p>",
        optional=True,
    )
    for name in POLICY_ACCEPTED:
        state.accept_policy(policy, uid[name], True)
    for name in POLICY_DECLINED:
        state.accept_policy(policy, uid[name], False)
