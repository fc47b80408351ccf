"""The demo return guide's texts in Tajik, Russian and English (see demo_texts.py for what
they may state)."""

from __future__ import annotations

from diaspora_platform.guides.demo_texts import CONCEPT, EUDIF, WORLD_BANK, section

RETURN = {
    "title": {"tg": "Бозгашт ба Ватан", "ru": "Возвращение домой",
              "en": "Coming home to Tajikistan"},
    "summary": {
        "tg": "Ҳуҷҷатҳо, эътирофи малакаҳо, кор ва лоиҳаҳо дар платформа, феҳристи "
              "коршиносон ва оғози тиҷорат — барои онҳое, ки аз муҳоҷират бармегарданд.",
        "ru": "Документы, признание навыков, работа и проекты на платформе, реестр "
              "экспертов и начало своего дела — для тех, кто возвращается из миграции.",
        "en": "Documents, recognition of skills, jobs and projects on the platform, the "
              "expert roster and starting a business — for those coming back from work "
              "abroad.",
    },
}

RETURN_SECTIONS = [
    section(
        "documents", EUDIF,
        ("Ҳуҷҷатҳо", "Документы", "Documents"),
        ("Пеш аз баромадан аз кишвари кор ҳуҷҷатҳои худро ҷамъ кунед: шартномаҳо, "
         "маълумотнома дар бораи музд ва собиқаи корӣ, шаҳодатномаҳои омӯзиш. "
         "Онҳо барои кор ва тиҷорат дар Ватан лозим мешаванд.\n\n"
         "Марказҳои Хадамоти муҳоҷират на танҳо пеш аз сафар, балки пас аз "
         "бозгашт низ маслиҳат медиҳанд.",
         "Перед отъездом из страны работы соберите документы: договоры, справки о "
         "зарплате и стаже, свидетельства об обучении. Они понадобятся для работы "
         "и своего дела дома.\n\n"
         "Центры Миграционной службы консультируют не только перед отъездом, но и "
         "после возвращения.",
         "Before you leave the country you worked in, gather your papers: "
         "contracts, statements of wages and years worked, training certificates. "
         "You will need them for work or a business at home.\n\n"
         "The Migration Service's centres advise not only before departure but "
         "also after return.")),
    section(
        "skills", EUDIF,
        ("Эътирофи малакаҳо", "Признание навыков", "Recognition of skills"),
        ("Нақшаи роҳ оид ба ҳамгироии иҷтимоӣ ва иқтисодии муҳоҷирони меҳнатии "
         "бозгашта (2018–2021) баланд бардоштани малакаҳои касбии муҳоҷирони "
         "бозгаштаро барои ҳамгироӣ ҳадаф гузоштааст. Дар маркази Хадамоти "
         "муҳоҷират пурсед, ки малакаҳои шумо чӣ гуна арзёбӣ ва тасдиқ "
         "мешаванд.",
         "Дорожная карта по социальной и экономической реинтеграции возвращающихся "
         "трудовых мигрантов (2018–2021) ставит цель укреплять профессиональные "
         "навыки вернувшихся мигрантов для реинтеграции. Спросите в центре "
         "Миграционной службы, как оценить и подтвердить ваши навыки.",
         "The Roadmap on Social and Economic Reintegration of Returning Labour "
         "Migrants (2018–2021) aims to reinforce the professional capacities of "
         "returning migrants for their reintegration. Ask at a Migration Service "
         "centre how your skills can be assessed and confirmed.")),
    section(
        "jobs", CONCEPT,
        ("Кор ва лоиҳаҳо дар платформа",
         "Работа и проекты на платформе",
         "Jobs and projects on the platform"),
        ("Нақшаи чорабиниҳои Консепсия ҷалби мутахассисони баландихтисоси "
         "диаспораро ба иҷрои лоиҳаҳои сармоягузорӣ дар Тоҷикистон пешбинӣ мекунад. "
         "Дар платформа лоиҳаҳое ҳастанд, ки мутахассис меҷӯянд: онҳоро аз рӯи "
         "соҳа ва минтақа интихоб кунед ва пешниҳоди худро фиристед.",
         "План действий Концепции предусматривает привлечение "
         "высококвалифицированных специалистов из диаспоры к инвестиционным "
         "проектам в Таджикистане. На платформе есть проекты, которые ищут "
         "специалистов: выберите их по отрасли и региону и отправьте своё "
         "предложение.",
         "The Concept's Action Plan asks for highly qualified specialists from the "
         "diaspora to carry out investment projects in Tajikistan. The platform "
         "lists projects looking for specialists: choose by sector and region and "
         "send your offer.")),
    section(
        "experts", CONCEPT,
        ("Феҳристи коршиносон", "Реестр экспертов", "The expert roster"),
        ("Дар феҳристи коршиносон профил созед: малакаҳо, забонҳо ва таҷрибаи "
         "худро нависед. Лоиҳаҳое, ки ба шумо мувофиқанд, дар саҳифаи шахсии "
         "шумо пайдо мешаванд ва шумо метавонед онҳоро ҳар ҳафта бо почта "
         "гиред. Кӣ профили шуморо мебинад, худатон интихоб мекунед.",
         "Создайте профиль в реестре экспертов: навыки, языки и опыт. Подходящие "
         "вам проекты появятся на вашей странице, их можно получать письмом раз в "
         "неделю. Кто видит ваш профиль, решаете вы.",
         "Create a profile in the expert roster: your skills, languages and "
         "experience. Projects that match you appear on your page, and you can get "
         "them by email once a week. You decide who sees your profile.")),
    section(
        "business", WORLD_BANK,
        ("Оғози тиҷорат", "Начать своё дело", "Starting a business"),
        ("Интиқоли пул аз муҳоҷирон 38,42% ММД-и Тоҷикистонро ташкил медиҳад "
         "(Бонки ҷаҳонӣ, 2023): пасандозҳои шумо метавонанд ба тиҷорат дар Ватан "
         "табдил ёбанд. Пеш аз оғоз нақшаи тиҷоратӣ тартиб диҳед, дар бораи "
         "бақайдгирӣ ва андоз маслиҳат гиред ва бо лоиҳаҳои диаспора дар "
         "платформа шинос шавед. Нақшаи чорабиниҳо Фонди миллии рушди "
         "диаспораро низ пешбинӣ мекунад.",
         "Денежные переводы мигрантов составляют 38,42% ВВП Таджикистана "
         "(Всемирный банк, 2023): ваши сбережения могут стать делом дома. До "
         "начала составьте бизнес-план, получите консультацию о регистрации и "
         "налогах и познакомьтесь с проектами диаспоры на платформе. План "
         "действий предусматривает и Национальный фонд развития диаспоры.",
         "Migrants' remittances are 38.42% of Tajikistan's GDP (World Bank, 2023): "
         "your savings can become a business at home. Before you start, write a "
         "business plan, get advice on registration and taxes, and look at the "
         "diaspora's projects on the platform. The Action Plan also provides for "
         "a National Diaspora Development Fund.")),
]
