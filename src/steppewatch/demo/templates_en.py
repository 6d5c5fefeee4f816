"""English report templates, written for the synthetic scenario.

Keys: ``title`` and ``lead`` by subtype ("*" for any), ``detail`` and ``background`` by
category, plus :data:`REGIONAL` background shared by all. Slots are filled by the writer.
"""

from __future__ import annotations

T: dict[str, dict[str, dict[str, list[str]] | list[str]]] = {
    "border": {
        "title": {
            "armed_clash": ["Clash on {adj}-{other_adj} border near {place}", "Border guards exchange fire in {region}",
                            "Shooting on the {adj}-{other_adj} frontier leaves casualties"],
            "shooting_incident": ["Shots fired at border post near {place}", "Border incident reported near {place}"],
            "detention_of_crossers": ["{N_arrested} detained crossing the border near {place}",
                                      "Border guards detain illegal crossers in {region}"],
            "closure_reopening": ["Checkpoint near {place} closed", "Border crossing near {place} shut again"],
        },
        "lead": {
            "armed_clash": [
                "{Adj} and {other_adj} border guards exchanged fire near the village of {place}{reg} {when}, "
                "{a1} said in a statement. {casualties}",
                "{When}, a shootout broke out between border units of {country} and {other} close to {place}{reg}. "
                "{casualties} According to {a1}, the {other_adj} side opened fire first.",
                "Fighting flared again on the disputed stretch of the {adj}-{other_adj} border {when}, when guards "
                "clashed near {place}{reg}. {casualties} {A2} blamed the {adj} side for the escalation.",
                "{A1} reported an armed clash with {other_adj} border troops near {place}{reg} {when}. {casualties}",
            ],
            "shooting_incident": [
                "A border post near {place}{reg} came under fire {when}, {a1} said. {casualties}",
                "Shots were fired across the {adj}-{other_adj} border near {place}{reg} {when}. {casualties} "
                "{A1} said it had lodged a protest.",
            ],
            "detention_of_crossers": [
                "{A1} said {when} that its officers had detained {n_arrested} who tried to cross the border "
                "illegally near {place}{reg}.",
                "{When}, border guards detained {n_arrested} near {place}{reg} after they crossed from {other} "
                "without documents, {a1} said.",
            ],
            "closure_reopening": [
                "{A1} closed the checkpoint near {place}{reg} {when}, citing tension on the {other_adj} side.",
                "The border crossing near {place}{reg} was shut {when} until further notice, {a1} announced.",
            ],
        },
        "detail": [
            "Both sides agreed to withdraw additional forces from the area, the statement added.",
            "Residents of nearby villages said they heard automatic gunfire for about an hour.",
            "Delegations of the two border services met later in the day to discuss the incident.",
            "Roughly half of the {adj}-{other_adj} border is still not demarcated.",
        ],
        "background": [
            "Incidents along the {adj}-{other_adj} border have recurred for years, often starting as disputes "
            "over pasture, water and roads that cross the undemarcated line between villages.",
            "Local officials said the situation near {place} was under control and that traffic through the "
            "area had resumed, although additional patrols would remain in place.",
        ],
    },
    "water": {
        "title": {"*": ["Water dispute near {place} escalates", "Row over {facility} in {region}",
                        "Farmers in {region} protest over irrigation water"]},
        "lead": {
            "allocation_dispute": [
                "Residents of {place}{reg} and neighbouring villages in {other} argued over the use of {facility} "
                "{when}, {a1} said. {casualties}",
                "A dispute over water from {facility} flared {when} near {place}{reg}, where farmers from both "
                "sides of the border accused each other of diverting supplies. {casualties}",
            ],
            "infrastructure_incident": [
                "A section of {facility} near {place}{reg} was damaged {when}, cutting irrigation supplies to "
                "several villages, {a1} said.",
                "{A1} reported {when} that a breach at {facility} near {place}{reg} had flooded farmland.",
            ],
            "shortage": [
                "Farmers near {place}{reg} face a severe shortage of irrigation water, {a1} said {when}, as "
                "flows from {facility} fell well below the seasonal norm.",
            ],
        },
        "detail": [
            "Officials from both countries agreed to set up a joint commission on water allocation.",
            "The canal irrigates tens of thousands of hectares of cotton and wheat.",
            "Local authorities promised to deliver water by truck to the worst-affected households.",
        ],
        "background": [
            "Water from the rivers of the Fergana Valley is shared under Soviet-era arrangements that "
            "upstream and downstream states have long disputed, especially in dry summers.",
        ],
    },
    "narcotics": {
        "title": {"*": ["{Qty} seized near {place}", "Drug smugglers intercepted on the Afghan border",
                        "Police seize {qty} in {region}"]},
        "lead": {
            "*": [
                "{A1} said {when} that it had seized {qty} near {place}{reg}. {arrests}",
                "{When}, officers of {a1} intercepted a consignment of {qty} near {place}{reg}. {arrests} "
                "{casualties}",
                "Security forces confiscated {qty} during an operation near {place}{reg} {when}, {a1} said. "
                "{arrests}",
                "A large consignment of drugs, {qty}, was seized near {place}{reg} {when}. {arrests} "
                "The operation was carried out by {a1}.",
            ],
        },
        "detail": [
            "The drugs were hidden in a vehicle with a false bottom, investigators said.",
            "A criminal case has been opened on charges of drug trafficking.",
            "Investigators believe the consignment was smuggled across the Panj river from Afghanistan.",
        ],
        "background": [
            "The Tajik-Afghan border, much of it following the Panj river through mountains, remains one of the "
            "main routes for Afghan opiates and hashish heading north to Russia and Europe.",
        ],
    },
    "militancy": {
        "title": {
            "attack": ["Attack in {place} kills {killed_n}", "Gunmen strike in {region}"],
            "bombing": ["Explosion in {place} claimed by {group_short}", "Blast hits {place}"],
            "*": ["{N_arrested} detained over alleged links to {group_short}", "Security services detain "
                  "suspected militants in {region}"],
        },
        "lead": {
            "attack": [
                "Gunmen attacked a checkpoint in {place}{reg} {when}. {casualties} {Group} claimed responsibility.",
                "{Group} said it was behind an attack in {place}{reg} {when}. {casualties}",
            ],
            "bombing": [
                "An explosion tore through a crowded market in {place}{reg} {when}. {casualties} {Group} claimed "
                "the bombing, and {a2} said they had arrested several suspects.",
                "A suicide bomber struck in {place}{reg} {when}. {casualties}",
            ],
            "*": [
                "{A1} said {when} it had detained {n_arrested} suspected of membership in {group} in {place}{reg}.",
                "{When}, {a1} announced the arrest of {n_arrested} accused of recruiting for {group} in "
                "{place}{reg}. {casualties}",
                "Security forces carried out a special operation against a cell of {group} in {place}{reg} {when}, "
                "{a1} said. {arrests} {casualties}",
            ],
        },
        "detail": [
            "Weapons, ammunition and extremist literature were found during searches, officials said.",
            "The suspects face charges of participating in a terrorist organisation.",
            "The authorities did not say how the suspects were identified.",
        ],
        "background": [
            "{Group} has been named by regional governments as a threat to Central Asia, and officials say its "
            "networks recruit labour migrants and residents of border districts.",
        ],
    },
    "unrest": {
        "title": {"*": ["Protest in {place}", "Hundreds rally in {place}", "Tension in {place} after protest"]},
        "lead": {
            "peaceful_protest": [
                "About {crowd} people gathered in the centre of {place}{reg} {when} to demand that officials address "
                "rising prices and unpaid wages. {arrests}",
                "Residents of {place}{reg} held a rally {when} over the closure of a local market. {arrests}",
            ],
            "strike": [
                "Oil workers in {place}{reg} went on strike {when}, demanding higher pay; about {crowd} people took "
                "part, local media said.",
            ],
            "*": [
                "Protesters clashed with police in {place}{reg} {when}. {casualties} {arrests} {A1} said order had "
                "been restored.",
                "Security forces dispersed a crowd of about {crowd} people in {place}{reg} {when}. {casualties} "
                "{arrests}",
            ],
        },
        "detail": [
            "Mobile internet in the area was disrupted for several hours, residents said.",
            "Officials met representatives of the protesters and promised to consider their demands.",
            "Rights groups called for an independent investigation into the use of force.",
        ],
        "background": [
            "Protests are rare in {country}, where gatherings need prior permission, and officials usually move "
            "quickly to meet local demands or disperse crowds.",
        ],
    },
    "energy": {
        "title": {"outage": ["Power cut leaves {place} in the dark", "Blackout hits {region}"],
                  "*": ["Gas exports to China through {region}", "Pipeline talks in {place}"]},
        "lead": {
            "outage": [
                "Large parts of {place}{reg} were left without electricity for about {hours} hours {when} after an "
                "accident at a substation, {a1} said.",
                "{A1} said {when} that rolling power cuts of up to {hours} hours would continue in {place}{reg} "
                "because of low water in reservoirs.",
            ],
            "*": [
                "{A1} and {a2} discussed raising volumes through {facility} to {bcm} billion cubic metres a year "
                "at a meeting in {place}{reg} {when}.",
                "Gas deliveries through {facility} were briefly reduced {when} after a technical fault near "
                "{place}{reg}, {a1} said.",
            ],
        },
        "detail": [
            "Repair crews worked through the night, the company said.",
            "The pipeline carries Turkmen gas across Uzbekistan and Kazakhstan to western China.",
        ],
        "background": [
            "Energy shortages hit the region every winter, when demand peaks and hydropower output falls.",
        ],
    },
    "military": {
        "title": {"exercise": ["CSTO exercise opens in {region}", "Troops drill near {place}"],
                  "*": ["Military activity near {place}", "Defence ministry reports on {place}"]},
        "lead": {
            "exercise": [
                "About {troops} troops from member states of {a1} began exercises near {place}{reg} {when}, "
                "{a2} said.",
                "{A2} said {when} that joint drills with {a1} involving {troops} personnel had started near "
                "{place}{reg}.",
            ],
            "deployment_basing": [
                "{A1} held live-fire training near {place}{reg} {when}, involving armoured vehicles and artillery.",
                "New equipment arrived at {a1} near {place}{reg} {when}, {a2} said.",
            ],
            "*": [
                "{A1} said {when} that an incident occurred at a training ground near {place}{reg}. {casualties}",
                "{A1} received a batch of military equipment at a base near {place}{reg} {when}.",
            ],
        },
        "detail": ["The exercises will last five days and include a scenario of repelling an incursion.",
                   "Observers from neighbouring states were invited."],
        "background": ["Russia keeps its largest foreign ground base in Tajikistan and an air base in Kyrgyzstan."],
    },
    "environment": {
        "title": {"earthquake": ["Magnitude {mag} earthquake near {place}"], "flood_mudflow": ["Mudflow hits {place}"],
                  "*": ["Drought and dust storms in {region}", "Aral Sea region faces new water crisis"]},
        "lead": {
            "earthquake": ["An earthquake of magnitude {mag} struck near {place}{reg} {when}, {a1} said. "
                           "{casualties}"],
            "flood_mudflow": [
                "A mudflow swept through {place}{reg} {when}, damaging {houses} houses. {casualties}",
                "{A1} said {when} that mudflows after heavy rain had hit {place}{reg}. {casualties}",
            ],
            "*": ["Dust storms from the dried bed of the Aral Sea hit {place}{reg} {when}, {a1} said.",
                  "Farmers near {place}{reg} reported crop losses {when} as drought deepened."],
        },
        "detail": ["Rescue teams were sent to the area.", "Residents were moved to temporary shelters."],
        "background": ["Mountain districts of the region are exposed to earthquakes, mudflows and avalanches."],
    },
    "information": {
        "title": {"journalist_detained": ["Journalist detained in {place}"], "media_blocking": ["News site blocked"],
                  "*": ["Officials warn of false reports"]},
        "lead": {
            "journalist_detained": [
                "A reporter for an independent outlet was detained in {place} {when}, colleagues said. {A1} did not "
                "comment on the detention.",
                "{A1} detained a journalist in {place} {when} on charges of spreading false information.",
            ],
            "media_blocking": ["Access to an independent news website was blocked in {country} {when}, after {a1} "
                               "said it had published false information."],
            "*": ["{A1} warned {when} against spreading what it called false reports about security in {place}."],
        },
        "detail": ["Press freedom groups called for the journalist's release."],
        "background": ["Media in the region operate under growing pressure, watchdogs say."],
    },
    "governance": {
        "title": {"election": ["Polls close in {country}"], "*": ["Regional governor dismissed in {region}",
                                                                    "Officials detained in {region}"]},
        "lead": {
            "election": ["Voters in {country} went to the polls {when}; turnout was {turnout} percent, {a1} said."],
            "appointment_dismissal": ["The head of the {region} administration was dismissed {when}, and "
                                      "a successor was appointed the same day."],
            "*": ["{A1} detained {n_arrested} officials of the {region} administration {when} on suspicion of "
                  "corruption."],
        },
        "detail": ["No reason for the decision was given."],
        "background": ["Reshuffles of regional governors are frequent in the region."],
    },
    "diplomacy": {
        "title": {"*": ["Leaders meet in {place}", "Talks between {country} and {other} in {place}"]},
        "lead": {"*": [
            "Delegations of {country} and {other} met in {place} {when} to discuss border security and trade.",
            "Foreign ministers of Central Asian states met in {place} {when} at a meeting attended by {a1}.",
            "{Country} and {other} signed an agreement on border delimitation in {place} {when}.",
        ]},
        "detail": ["The sides agreed to meet again later this year."],
        "background": ["Regional cooperation has grown since the resolution of several border disputes."],
    },
    "other": {
        "title": {"*": ["New season opens in {place}", "Festival draws visitors to {place}",
                        "Local business news from {place}"]},
        "lead": {"*": [
            "A football club from {place} won its home match {when} in front of a full stadium.",
            "A festival of traditional music opened in {place} {when}, drawing visitors from across {country}.",
            "Farmers near {place} started the apricot harvest {when}, with prices expected to rise.",
            "A new hotel opened in {place} {when} as the tourism season began.",
            "A technology fair in {place} {when} showed apps made by local start-ups.",
        ]},
        "detail": ["Organisers said they expected more visitors next year.", "Tickets sold out within hours."],
        "background": ["The city has seen steady growth in tourism over the past few years.",
                       "Local authorities plan to repair roads and parks before the summer."],
    },
}

REGIONAL = [
    "Central Asia sits between Russia, China, Iran and Afghanistan, and its governments balance ties with all "
    "of them while managing shared rivers, long mountain borders and large flows of labour migrants.",
    "Analysts note that the region's security agencies report incidents selectively, and figures given by "
    "different sides often disagree in the first days after an event.",
    "Remittances from workers abroad make up a large share of household income in several of the region's "
    "countries, and economists say that any slowdown in Russia is felt quickly in border districts.",
    "Officials in the capitals have repeatedly promised to invest in roads, schools and clinics in remote "
    "mountain areas, where young people often leave to look for work in the cities or abroad.",
    "Diplomats from neighbouring states are expected to discuss the situation at regular consultations later "
    "this month, according to people familiar with the plans who asked not to be named.",
    "Independent verification of official statements is difficult: access to many border districts requires "
    "special permits, and local journalists say they are often asked not to publish details.",
]
DISCLAIMER = ("[Synthetic report generated for the steppewatch demo scenario; the events it describes did not "
              "happen.]")
SYNDICATED = "This report was first published by {origin}."
