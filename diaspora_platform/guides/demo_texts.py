"""The demo guides' texts: working legally in Russia, and returning home, in Tajik,
Russian and English. Facts are those of the platform's source documents (agreements,
licensed organisations, the Ministry's representation and call centre in Russia, the
Migration Service's centres); the rest is general advice."""

from __future__ import annotations

from diaspora_platform.i18n import LANGUAGES

EUDIF = ("EUDiF, «Diaspora engagement mapping: Tajikistan» (2020, updated 2025)",
         "https://diasporafordevelopment.eu/")
NEWS_2025 = ("«Tajikistan Seeks New Destinations for Labor Migrants», Caspian Post (2025)",
             "https://caspianpost.com/")
UPR_2011 = ("Human Rights Centre, UPR report on labour migration from Tajikistan (2011)",
            "https://www.ohchr.org/en/hr-bodies/upr/tj-index")
WORLD_BANK = ("World Bank, personal remittances received (% of GDP): Tajikistan, 2023",
              "https://data.worldbank.org/country/tajikistan")
CONCEPT = ("State Concept of Attracting Compatriots Living Abroad as Partners for the "
           "Development and its Action Plan 2021–2025", "https://diaspora.tj/")



def section(topic: str, source: tuple[str, str], title: tuple[str, str, str],
            body: tuple[str, str, str]) -> tuple:
    """One demo section: its topic, its source (title, address), and its title and text
    in Tajik, Russian and English, in that order."""
    return topic, source, {"title": dict(zip(LANGUAGES, title, strict=True)),
                           "body": dict(zip(LANGUAGES, body, strict=True))}


RUSSIA = {
    "title": {
        "tg": "Кори қонунӣ дар Федератсияи Россия",
        "ru": "Легальная работа в Российской Федерации",
        "en": "Working legally in the Russian Federation",
    },
    "summary": {
        "tg": "Россия шарики асосии Тоҷикистон дар муҳоҷирати меҳнатист. Пеш аз сафар "
              "ҳуҷҷатҳо, иҷозатномаи корӣ ва ташкилоти иҷозатномадори бакорғаронро санҷед.",
        "ru": "Россия — главный партнёр Таджикистана в трудовой миграции. До отъезда "
              "проверьте документы, разрешение на работу и лицензию организации, которая "
              "вас трудоустраивает.",
        "en": "Russia is Tajikistan's principal labour-migration partner. Before you leave, "
              "check your documents, your work permit and the licence of the organisation "
              "that finds you work.",
    },
}

RUSSIA_SECTIONS = [
    section(
        "documents", UPR_2011,
        ("Ҳуҷҷатҳо", "Документы", "Documents"),
        ("- **Шиносномаи хориҷӣ**, ки мӯҳлаташ барои тамоми давраи кор кифоя аст.\n"
         "- **Маълумотномаи тиббӣ**: ташхиси тиббӣ барои иҷозатномаи корӣ "
         "ҳатмист.\n"
         "- Нусхаҳои ҳамаи ҳуҷҷатҳоро (сурат дар телефон ва дар қоғаз) алоҳида "
         "нигоҳ доред.\n\n"
         "Шиносномаро ба худ нигоҳ доред: корфармо ҳақ надорад онро гирад. Агар "
         "ҳуҷҷатҳо гум шаванд ё аз шумо гирифта шаванд, ба сафорат муроҷиат "
         "кунед — он шаҳодатномаи бозгашт медиҳад.",
         "- **Заграничный паспорт**, действительный на весь срок работы.\n"
         "- **Медицинская справка**: медицинское освидетельствование обязательно "
         "для разрешения на работу.\n"
         "- Копии всех документов (фото в телефоне и на бумаге) храните "
         "отдельно.\n\n"
         "Держите паспорт при себе: работодатель не вправе его забирать. Если "
         "документы потеряны или отобраны, обратитесь в посольство — оно выдаёт "
         "свидетельство на возвращение.",
         "- A **passport for travel abroad**, valid for the whole time you work.\n"
         "- A **medical certificate**: a medical examination is required for a "
         "work permit.\n"
         "- Keep copies of every document (photos on your phone and on paper) "
         "in a separate place.\n\n"
         "Keep your passport yourself: an employer has no right to take it. If "
         "your documents are lost or taken, go to the embassy — it issues a "
         "certificate of return.")),
    section(
        "permits", EUDIF,
        ("Иҷозатнома ва арзиши он", "Разрешения и их стоимость", "Permits and their costs"),
        ("Шаҳрванди Тоҷикистон дар Россия бе **иҷозатномаи корӣ** кор карда "
         "наметавонад. Созишномаи Ҳукуматҳои Россия ва Тоҷикистон (2019) дар бораи "
         "ҷалби шаҳрвандон барои кори муваққатӣ пешбинӣ мекунад, ки мақомоти "
         "Тоҷикистон дар гирифтани ҷои кор, иҷозатномаи корӣ, иҷозати истиқомати "
         "муваққатӣ ва ташхиси тиббӣ пеш аз сафар кӯмак расонанд.\n\n"
         "**Арзиш:** пардохти иҷозатнома дар ҳар минтақаи Россия алоҳида муқаррар "
         "мешавад ва ҳар сол тағйир меёбад. Маблағи навро пеш аз пардохт дар "
         "мақомоти муҳоҷирати минтақа санҷед, танҳо пардохтҳои расмиро "
         "пардохт кунед ва квитансияро нигоҳ доред.",
         "Гражданин Таджикистана не может работать в России без **разрешения на "
         "работу**. Соглашение правительств России и Таджикистана (2019) об "
         "оргнаборе граждан для временной работы предусматривает, что органы "
         "Таджикистана помогают ещё до въезда: с трудоустройством, разрешением на "
         "работу, разрешением на временное проживание и медицинским "
         "освидетельствованием.\n\n"
         "**Стоимость:** платёж за разрешение устанавливает каждый регион России, "
         "и он меняется каждый год. Проверьте текущую сумму в миграционном органе "
         "региона до оплаты, платите только официальные сборы и храните "
         "квитанцию.",
         "A citizen of Tajikistan cannot work in Russia without a **work permit**. "
         "The 2019 agreement between the governments of Russia and Tajikistan on "
         "recruiting Tajik citizens for temporary work provides that Tajikistan's "
         "authorities help before you travel: with a job placement, the work "
         "permit, a temporary residence permit and the medical tests.\n\n"
         "**Costs:** each Russian region sets the permit's payment, and it changes "
         "every year. Check the current amount with the region's migration "
         "authority before you pay, pay only official fees and keep the receipt.")),
    section(
        "recruiters", NEWS_2025,
        ("Ташкилотҳои иҷозатномадори бакорғаронӣ",
         "Лицензированные организации по трудоустройству",
         "Licensed recruitment organisations"),
        ("Дар нимсолаи якуми соли 2025 тавассути **29 ташкилоти иҷозатномадор** "
         "9 478 шаҳрванди Тоҷикистон дар хориҷ ба кор ҷойгир шуданд (5 648 нафар "
         "бо кӯмаки Агентии давлатии шуғл).\n\n"
         "**Иҷозатномаро чӣ гуна санҷед:**\n\n"
         "1. Рақами иҷозатномаи ташкилотро пурсед.\n"
         "2. Онро дар Вазорати меҳнат, муҳоҷират ва шуғли аҳолӣ ё дар маркази "
         "Хадамоти муҳоҷират санҷед.\n"
         "3. Шартномаи хаттиро талаб кунед: корфармо, кор, музд ва хароҷоти "
         "роҳ.\n\n"
         "Ба ташкилоте, ки иҷозатнома нишон дода наметавонад, пул надиҳед. "
         "Ҳодисаҳое ҳастанд, ки агентиҳо муҳоҷиронро бо ваъдаҳои бардурӯғ фиристоданд "
         "ва корфармо шиносномаҳоро гирифт.",
         "В первой половине 2025 года через **29 лицензированных организаций** "
         "за рубежом трудоустроены 9 478 граждан Таджикистана (5 648 из них — при "
         "содействии Государственного агентства занятости).\n\n"
         "**Как проверить лицензию:**\n\n"
         "1. Спросите номер лицензии организации.\n"
         "2. Проверьте его в Министерстве труда, миграции и занятости населения "
         "или в центре Миграционной службы.\n"
         "3. Требуйте письменный договор: работодатель, работа, зарплата и "
         "расходы на дорогу.\n\n"
         "Не платите организации, которая не может показать лицензию. Известны "
         "случаи, когда агентства отправляли мигрантов с ложными обещаниями, а "
         "работодатель забирал паспорта.",
         "In the first half of 2025, **29 licensed organisations** placed 9,478 "
         "citizens of Tajikistan in jobs abroad (5,648 of them with the State "
         "Employment Agency).\n\n"
         "**How to check a licence:**\n\n"
         "1. Ask the organisation for its licence number.\n"
         "2. Check it with the Ministry of Labour, Migration and Employment of "
         "Population or at a Migration Service centre.\n"
         "3. Ask for a written contract: the employer, the work, the wage and "
         "who pays the journey.\n\n"
         "Pay nothing to an organisation that cannot show a licence. There are "
         "cases of agencies sending migrants with false promises, and of "
         "employers taking their passports.")),
    section(
        "agreements", NEWS_2025,
        ("Созишномаҳо ва квотаҳо", "Соглашения и квоты", "Agreements between countries and quotas"),
        ("Тоҷикистон **37 созишномаи байналмилалӣ бо 15 кишвар** дорад; 13-тои "
         "онҳо махсусан ба муҳоҷирати меҳнатӣ бахшида шудаанд. Шарикони асосӣ: "
         "Россия, Қазоқистон, Беларус, АМА, Қатар, Кувайт, Кореяи Ҷанубӣ ва "
         "Япония.\n\n"
         "Бо Россия бакорғаронии муташаккил аз рӯи созишномаи соли 2019 тавассути "
         "мақомоти муҳоҷирати Тоҷикистон мегузарад, ки номзадҳоро омӯзонида ва "
         "бозомӯзӣ мекунанд. Зиёда аз 80 ширкати Россия хоҳиши ба кор гирифтани "
         "коргарони Тоҷикистонро баён кардаанд.",
         "У Таджикистана **37 международных соглашений с 15 странами**; 13 из них "
         "посвящены именно трудовой миграции. Основные партнёры: Россия, "
         "Казахстан, Беларусь, ОАЭ, Катар, Кувейт, Южная Корея и Япония.\n\n"
         "С Россией организованный набор по соглашению 2019 года идёт через "
         "миграционные органы Таджикистана, которые обучают и переобучают "
         "кандидатов. Более 80 российских компаний заявили о желании нанимать "
         "работников из Таджикистана.",
         "Tajikistan holds **37 international agreements with 15 countries**; 13 "
         "of them deal specifically with labour migration. The main partners: "
         "Russia, Kazakhstan, Belarus, the UAE, Qatar, Kuwait, South Korea and "
         "Japan.\n\n"
         "With Russia, organised recruitment under the 2019 agreement goes "
         "through Tajikistan's migration authorities, who train and retrain the "
         "candidates. More than 80 Russian companies have said they want to hire "
         "workers from Tajikistan.")),
    section(
        "rights", UPR_2011,
        ("Ҳуқуқҳои шумо дар ҷои кор", "Ваши права на работе", "Your rights at work"),
        ("- Шартномаи хаттӣ бо шартҳои кор ва музд.\n"
         "- Музд тавре ки дар шартнома навишта шудааст, бо ҳуҷҷат.\n"
         "- Шиноснома ҳамеша дар дасти худатон.\n\n"
         "Агар музд пардохт нашавад, ҳуҷҷатҳоро ҷамъ кунед (шартнома, ҷадвали "
         "корӣ, паёмҳо). Агар дар амали корфармо ҷиноят бошад, ба мақомоти "
         "ҳифзи ҳуқуқ (полиса ё прокуратура) муроҷиат мекунанд; дар акси ҳол — "
         "бо даъво ба суд. Намояндагии Вазорат ва ташкилотҳои диаспора, ки "
         "Шӯрои ҳамоҳангсозӣ санҷидааст, маслиҳати ҳуқуқӣ медиҳанд.",
         "- Письменный договор с условиями работы и оплаты.\n"
         "- Зарплата, как записано в договоре, с подтверждением.\n"
         "- Паспорт всегда у вас.\n\n"
         "Если зарплату не платят, соберите доказательства (договор, табель, "
         "переписку). Если в действиях работодателя есть преступление, "
         "обращаются в правоохранительные органы (полицию или прокуратуру); если "
         "нет — с иском в суд. Представительство Министерства и диаспорные "
         "организации, проверенные Координационным советом, дают юридические "
         "консультации.",
         "- A written contract stating the work and the pay.\n"
         "- Wages as the contract says, with a record of payment.\n"
         "- Your passport always in your own hands.\n\n"
         "If your wages are not paid, gather evidence (contract, timesheets, "
         "messages). Where the employer's acts are a crime, the complaint goes to "
         "the police or the prosecutor; otherwise, to a court with a claim. The "
         "Ministry's representation and diaspora organisations verified by the "
         "Coordination Council give legal advice.")),
    section(
        "contacts", EUDIF,
        ("Ба кӣ занг занед", "Куда звонить", "Whom to call"),
        ("- **Намояндагии Вазорати меҳнат, муҳоҷират ва шуғли аҳолӣ дар "
         "Федератсияи Россия** ва **маркази тамоси** он: дар бораи хизматҳои "
         "мақомоти давлатӣ, диаспора ва ташкилотҳои ғайриҳукуматӣ дар Россия "
         "маълумот медиҳанд.\n"
         "- **Сафорати Тоҷикистон дар Маскав** ва консулгариҳо: ҳуҷҷатҳо, "
         "шаҳодатномаи бозгашт, боздошт.\n"
         "- **Марказҳои Хадамоти муҳоҷират** дар Тоҷикистон: маслиҳат пеш аз "
         "сафар ва пас аз бозгашт.\n\n"
         "Телефонҳо ва суроғаҳо дар саҳифаи «Кӯмак дар хориҷ»-и платформа "
         "ҳастанд; онҳоро Шӯрои ҳамоҳангсозӣ месанҷад.",
         "- **Представительство Министерства труда, миграции и занятости "
         "населения в Российской Федерации** и его **колл-центр**: информация об "
         "услугах государственных органов, диаспоры и НКО в России.\n"
         "- **Посольство Таджикистана в Москве** и консульства: документы, "
         "свидетельство на возвращение, задержание.\n"
         "- **Центры Миграционной службы** в Таджикистане: консультации до "
         "отъезда и после возвращения.\n\n"
         "Телефоны и адреса — на странице платформы «Помощь за рубежом»; их "
         "проверяет Координационный совет.",
         "- The **Representation of the Ministry of Labour, Migration and "
         "Employment of Population in the Russian Federation** and its **call "
         "centre**: information on the services of government bodies, the "
         "diaspora and NGOs in Russia.\n"
         "- The **Embassy of Tajikistan in Moscow** and the consulates: "
         "documents, certificates of return, detention.\n"
         "- The **Migration Service's centres** in Tajikistan: advice before "
         "departure and after return.\n\n"
         "Phones and addresses are on the platform's “Help abroad” page, checked "
         "by the Coordination Council.")),
]
