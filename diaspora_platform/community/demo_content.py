"""Texts of the community demo: Council news in three languages, advice for labour
migrants, organisation news and educational resources."""

from __future__ import annotations

# (category, pinned, days ago, country, checked days ago, {lang: (title, body)})
COUNCIL_NEWS = (
    ("announcements", True, 1, None, None, {
        "tg": ("Рӯзи Истиқлолият: даъват ба ҷашни 9 сентябр",
               "Шӯрои ҳамоҳангсозӣ ҳамаи ҳамватанонро ба ҷашни **Рӯзи Истиқлолияти Ҷумҳурии "
               "Тоҷикистон** даъват мекунад. Ташкилотҳо метавонанд чорабиниҳои худро дар "
               "платформа ҷойгир кунанд."),
        "ru": ("День независимости: приглашение на празднование 9 сентября",
               "Координационный совет приглашает всех соотечественников на празднование "
               "**Дня независимости Республики Таджикистан**. Организации могут разместить "
               "свои мероприятия на платформе."),
        "en": ("Independence Day: join the celebrations on 9 September",
               "The Coordination Council invites all compatriots to celebrate the "
               "**Independence Day of the Republic of Tajikistan**. Organisations can list "
               "their events on the platform."),
    }),
    ("calls", False, 3, None, None, {
        "tg": ("Озмуни «Беҳтарин мактаби тоҷикии диаспора» оғоз шуд",
               "Мактабҳои якшанбеӣ ва курсҳои забони тоҷикӣ то 1 феврал дархост пешниҳод "
               "карда метавонанд. Шартҳо дар саҳифаи озмунҳо."),
        "ru": ("Открыт конкурс «Лучшая таджикская школа диаспоры»",
               "Воскресные школы и курсы таджикского языка могут подать заявку до 1 "
               "февраля. Условия — на странице конкурсов."),
        "en": ("Call for entries: The Best Tajik School of the Diasporas",
               "Weekend schools and Tajik language courses can enter until 1 February. "
               "The rules are on the competitions page."),
    }),
    ("migrant-advice", False, 5, "RU", 2, {
        "tg": ("Патент барои кор дар Русия: чӣ бояд донист",
               "1. Патентро танҳо тавассути марказҳои расмии муҳоҷират гиред.\n"
               "2. Пардохти моҳонаро сари вақт анҷом диҳед ва расидҳоро нигоҳ доред.\n"
               "3. Аз агентиҳои хусусии бе иҷозатнома эҳтиёт шавед."),
        "ru": ("Патент на работу в России: что нужно знать",
               "1. Оформляйте патент только через официальные миграционные центры.\n"
               "2. Вносите ежемесячный платёж вовремя и храните квитанции.\n"
               "3. Остерегайтесь частных агентств без лицензии."),
        "en": ("Work patents in Russia: what you need to know",
               "1. Apply for a patent only through official migration centres.\n"
               "2. Pay the monthly fee on time and keep the receipts.\n"
               "3. Beware of private agencies without a licence."),
    }),
    ("council", False, 9, None, None, {
        "tg": ("Шӯрои ҳамоҳангсозӣ нақшаи чорабиниҳои соли 2027-ро тасдиқ кард",
               "Нақша конференсияҳо, шомҳои эҷодӣ ва сафарҳои фарҳангии ҷавононро дар бар "
               "мегирад."),
        "ru": ("Координационный совет утвердил план мероприятий на 2027 год",
               "План включает конференции, творческие вечера и культурные поездки для "
               "молодёжи."),
        "en": ("The Coordination Council adopts its 2027 plan of events",
               "The plan includes conferences, creative evenings and cultural trips for "
               "young people."),
    }),
    ("announcements", False, 12, None, None, {
        "ru": ("Горячая линия для соотечественников работает круглосуточно",
               "Звоните по номеру +992 37 000 00 00, если вам нужна консультация."),
    }),
)

ORG_NEWS = (  # (organisation name, status, {lang: (title, body)})
    ("Ravzana", "approved", {
        "tg": ("Наврӯз дар Париж: барномаи ҷашн",
               "Ҷашни Наврӯз 21 март дар маркази фарҳангии мо. Ҳама хуш омадед!"),
        "en": ("Navruz in Paris: the programme",
               "Navruz on 21 March at our cultural centre. Everyone is welcome!"),
    }),
    ("Ravzana", "pending", {
        "ru": ("Набор в детский хор", "Приглашаем детей 7–12 лет в наш хор."),
    }),
)

# (organisation name or None, kind, title, language, audience, level, url, file?)
# (organisation, kind, title per language (the author's first), material's language,
#  audience, level, link, with a file)
RESOURCES = (
    (None, "textbook", {
        "tg": "Забони тоҷикӣ: китоби дарсӣ барои синфи 1 (мактабҳои якшанбеӣ)",
        "ru": "Таджикский язык: учебник для 1 класса (воскресные школы)",
        "en": "Tajik language: textbook for year 1 (Sunday schools)"},
     "tg", "children", "beginner", None, True),
    (None, "guide", {
        "ru": "Как зарегистрировать диаспорную организацию: пошаговое руководство",
        "tg": "Чӣ тавр ташкилоти диаспораро ба қайд гирифтан мумкин аст: дастури қадам ба "
              "қадам",
        "en": "How to register a diaspora organisation: a step-by-step guide"},
     "ru", "organisers", None, None, True),
    (None, "video", {
        "en": "Tajik for beginners: lesson 1 (video)",
        "ru": "Таджикский для начинающих: урок 1 (видео)",
        "tg": "Забони тоҷикӣ барои навомӯзон: дарси 1 (навор)"},
     "tg", "adults", "beginner", "https://video.example.org/tajik-lesson-1", False),
    ("Ravzana", "lesson_plan", {
        "tg": "Нақшаи дарс: «Наврӯз» барои кӯдакон",
        "ru": "План урока: «Навруз» для детей",
        "en": "Lesson plan: Navruz for children"},
     "tg", "teachers", "intermediate", None, True),
    ("Ravzana", "guide", {
        "en": "Guide to organising a diaspora cultural evening"},
     "en", "organisers", None, "https://ravzana.example.org/guide", False),
)
DESCRIPTIONS = {
    "tg": "Маводи таълимӣ барои мактабҳои тоҷикии диаспора.",
    "ru": "Учебный материал для таджикских школ диаспоры.",
    "en": "Learning material for Tajik schools of the diaspora.",
}
