"""The six competitions the State Concept names, in three languages, with who enters each
(see EntrantType). The competitions migration inserts them; tests use rows() too."""

from __future__ import annotations

SIX = (
    ("best-organisation", "organisation",
     ("Иттиҳоди беҳтарин созмонҳои диаспорӣ",
      "Союз лучших диаспорских организаций",
      "The Union of the Best Diasporic Organisations"),
     ("Барои созмонҳои диаспора, ки ҳамватанонро муттаҳид мекунанд, фарҳанги тоҷикро "
      "нигоҳ медоранд ва ба муҳоҷирон кӯмак мерасонанд.",
      "Для организаций диаспоры, которые объединяют соотечественников, сохраняют "
      "таджикскую культуру и помогают мигрантам.",
      "For diaspora organisations that bring compatriots together, keep Tajik culture "
      "alive and help migrants.")),
    ("best-scientist", "person",
     ("Беҳтарин олими диаспораҳои тоҷик",
      "Лучший учёный таджикских диаспор",
      "Best Scientist of the Tajik Diasporas"),
     ("Барои олимоне, ки корашон дар хориҷа эътироф шудааст ва дониши худро бо "
      "Тоҷикистон мубодила мекунанд.",
      "Для учёных, чья работа признана за рубежом и кто делится знаниями с "
      "Таджикистаном.",
      "For scientists whose work is recognised abroad and who share their knowledge "
      "with Tajikistan.")),
    ("best-cultural-centre", "cultural_centre",
     ("Беҳтарин маркази фарҳангӣ",
      "Лучший культурный центр",
      "Best Cultural Centre"),
     ("Барои марказҳои фарҳангии дар феҳрист сабтшуда, ки забон, анъана ва санъати "
      "тоҷикро дар хориҷа зинда нигоҳ медоранд.",
      "Для культурных центров из каталога, которые поддерживают таджикский язык, "
      "традиции и искусство за рубежом.",
      "For cultural centres listed in the directory that keep the Tajik language, "
      "traditions and arts alive abroad.")),
    ("best-school", "school",
     ("Беҳтарин мактаби тоҷикии диаспораҳо",
      "Лучшая таджикская школа диаспор",
      "The Best Tajik School of the Diasporas"),
     ("Барои мактабҳои дар феҳрист сабтшуда, ки ба кӯдакони диаспора забони модарӣ ва "
      "таърихи Тоҷикистонро меомӯзонанд.",
      "Для школ из каталога, которые учат детей диаспоры родному языку и истории "
      "Таджикистана.",
      "For schools listed in the directory that teach diaspora children their mother "
      "tongue and the history of Tajikistan.")),
    ("best-media-reporter", "person",
     ("Беҳтарин хабарнигори диаспораҳои тоҷик",
      "Лучший медиарепортёр таджикских диаспор",
      "The Best Media Reporter of the Tajik Diasporas"),
     ("Барои рӯзноманигороне, ки дар бораи ҳаёти диаспора ва Тоҷикистон ростқавлона "
      "менависанд. Нашрияҳо ҳамчун созмон дар озмуни якум иштирок мекунанд.",
      "Для журналистов, которые честно пишут о жизни диаспоры и Таджикистана. "
      "Издания участвуют как организации в первом конкурсе.",
      "For journalists who report honestly on diaspora life and Tajikistan. Outlets "
      "enter the first competition as organisations.")),
    ("for-development", "initiative",
     ("Озмуни хайрияи «Барои рушди Тоҷикистон»",
      "Благотворительный конкурс «За развитие Таджикистана»",
      'Charity competition "For the Development of Tajikistan"'),
     ("Барои лоиҳаҳо ва ташаббусҳои хайрия, ки шахсони алоҳида ё созмонҳои диаспора "
      "барои рушди Тоҷикистон амалӣ мекунанд.",
      "Для благотворительных проектов и инициатив, которые люди или организации "
      "диаспоры осуществляют ради развития Таджикистана.",
      "For charitable projects and initiatives that diaspora people or organisations "
      "carry out for the development of Tajikistan.")),
)



def rows() -> list[dict]:
    return [dict(key=key, entrant_type=entrant, position=position, name_tg=names[0],
                 name_ru=names[1], name_en=names[2], description_tg=texts[0],
                 description_ru=texts[1], description_en=texts[2])
            for position, (key, entrant, names, texts) in enumerate(SIX)]
