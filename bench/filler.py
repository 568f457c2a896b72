"""Generated everyday news (sports, weather, business, local) for the benchmark corpus.

Templates and vocabulary are written for this benchmark. ``ALARMS`` are sentences that
name a country or company next to a word of the trigger or weapon lexicons, as everyday
news does now and then ("The mayor will visit Japan"); an article carries one with the
probability ``false_alarms``, and triage has to let those articles through.
"""

from __future__ import annotations

import random
import re

from armswatch.model import Article

WORDS: dict[str, str] = {
    "team": "Riverton Rovers|Ashford United|Kestrel Bay|Millbrook Athletic|Harbour City|"
    "Redcliff Wanderers|Stonebridge|Elmwood Town|Greyhaven Albion|Fairport Rangers",
    "player": "Tomas Varga|Leo Brandt|Marco Silvan|Jonah Pike|Ravi Menon|Elias Okafor|"
    "Sam Hollis|Diego Marren|Niko Laine|Owen Tully|Ada Quill|Mina Castell",
    "city": "Riverton|Ashford|Millbrook|Redcliff|Stonebridge|Elmwood|Fairport|Lakeside|"
    "Northfield|Westmoor",
    "country": "France|Brazil|Japan|Italy|Germany|Spain|Argentina|Canada|Australia|Mexico|"
    "India|Portugal",
    "company": "Brightway Foods|Kestrel Logistics|Northstar Telecom|Harlow Motors|"
    "Bluefin Retail|Solace Energy|Pinecrest Bank|Orbis Software|Meadow Dairy|Castleton Steel",
    "product": "electric vans|solar panels|frozen meals|smartphones|running shoes|"
    "coffee machines|wind turbines|bicycles|garden tools|sofas",
    "region": "the northern coast|the central valley|the eastern hills|the capital region|"
    "the southern plains|the lake district|the western islands",
    "weekday": "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday",
    "month": "March|April|May|June|July|September|October|November",
    "score": "2-1|3-0|1-0|2-2|4-3|0-0|3-1",
    "ordinal": "second|third|fourth|fifth|top",
}
VOCAB = {slot: words.split("|") for slot, words in WORDS.items()}
HEADLINES = {
    "sports": ["{team} edge {team} in late thriller", "{player} double lifts {team}"],
    "weather": ["Storm warning for {region}", "Heatwave to peak on {weekday}"],
    "business": ["{company} shares jump on strong quarter", "{company} to cut prices"],
    "local": ["{city} library set to reopen", "Festival returns to {city}"],
}
SENTENCES: dict[str, list[str]] = {
    "sports": [
        "{team} beat {team} {score} on {weekday} to move {ordinal} in the table.",
        "{player} scored twice in the second half as {team} came from behind.",
        "The coach, {player}, said the squad was tired after three games in a week.",
        "{team} have signed the midfielder {player} on a three-year contract.",
        "Ticket sales for the final have already passed {num},000.",
        "Fans were asked to arrive early because of work on the stadium roof.",
        "The match was delayed by twenty minutes after the floodlights failed.",
        "{player} finished the last two rounds four shots ahead of the field.",
        "{player}, who joined from a club in {country}, should start on {weekday}.",
        "{team} have not won away from home since {month}.",
        "The club's new training ground in {city} will open next season.",
        "{player} limped off with a knee injury and will miss the next game.",
        "A crowd of {num},000 watched the derby in driving rain.",
        "The referee sent off two players in the final ten minutes.",
    ],
    "weather": [
        "Heavy rain is expected across {region} on {weekday}, forecasters said.",
        "Temperatures will climb to {num} degrees by the weekend.",
        "A yellow warning for wind remains in place until {weekday} evening.",
        "Farmers in {region} said the dry spell had hurt the harvest.",
        "Snow closed two mountain passes overnight and delayed buses.",
        "The storm that hit {country} last week is moving east.",
        "Forecasters said the river could burst its banks near {city}.",
        "Commuters were told to allow extra time for journeys on {weekday}.",
        "Last month was the wettest {month} since records began in {city}.",
        "Power was cut to {num} homes when a tree fell on a line.",
        "Schools in {region} will open late because of fog.",
        "The weekend should bring sunshine and light winds to {region}.",
        "Gardeners were urged to protect young plants from frost.",
    ],
    "business": [
        "Shares in {company} rose {num} percent after results beat forecasts.",
        "{company} said sales of {product} grew {num} percent in the quarter.",
        "The firm plans to open {num} new stores in {city} next year.",
        "Exports to {country} fell for a third month, customs data showed.",
        "The central bank held interest rates at {num} percent.",
        "Union leaders will meet management on {weekday} for talks on pay.",
        "Analysts said higher energy prices were squeezing margins.",
        "Deliveries of {product} were held up by a shortage of drivers.",
        "{company} will cut {num} jobs as it closes a warehouse in {city}.",
        "Consumer confidence improved slightly in {month}, a survey found.",
        "The chief executive said demand for {product} remained strong.",
        "Online orders now make up a third of revenue at {company}.",
    ],
    "local": [
        "The library in {city} will reopen on {weekday} after a long renovation.",
        "Volunteers planted {num} trees along the river path in {city}.",
        "The council approved a new bus route to the hospital.",
        "A jazz festival returns to {city} in {month} with {num} concerts.",
        "The museum's new exhibition shows old maps of {city}.",
        "Police said the road would stay closed until {weekday}.",
        "Residents raised concerns about parking near the school.",
        "The new cycle lane in {city} has divided opinion among shop owners.",
        "A bakery on the high street celebrated its hundredth birthday.",
        "Organisers said {num} people had signed up for the charity run.",
        "The ferry to the western islands will run an extra service in {month}.",
        "Plans for {num} new homes on the edge of {city} were approved.",
        "The choir will perform at the cathedral on {weekday} evening.",
    ],
}

ALARMS: dict[str, list[str]] = {
    "sports": [
        "{country} will host the championship next summer, organisers said.",
        "The national team of {country} meet {country} in a friendly in {month}.",
    ],
    "weather": [
        "Rescue teams used a helicopter to reach walkers stranded by the flood.",
    ],
    "business": [
        "{company} signed an agreement with a supplier in {country} to buy parts.",
        "The airline ordered {num} aircraft from Airbus, to be delivered from 2027.",
    ],
    "local": [
        "The mayor will visit {country} in {month} to promote local tourism.",
    ],
}
"""Sentences that name a country or company next to a trigger or weapon word."""
SLOT = re.compile(r"\{(\w+)\}")


def fill(template: str, rng: random.Random) -> str:
    def choose(match: re.Match[str]) -> str:
        slot = match.group(1)
        return str(rng.randint(2, 95)) if slot == "num" else rng.choice(VOCAB[slot])

    return SLOT.sub(choose, template)


def filler_article(rng: random.Random, doc_id: str, false_alarms: float = 0.1) -> Article:
    """One generated article: a headline and 12 to 26 sentences in short paragraphs;
    with probability ``false_alarms`` one of them is from ALARMS."""
    topic = rng.choice(sorted(SENTENCES))
    templates = rng.choices(SENTENCES[topic], k=rng.randint(12, 26))
    if rng.random() < false_alarms:
        templates[rng.randrange(len(templates))] = rng.choice(ALARMS[topic])
    sentences = [fill(t, rng) for t in templates]
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    title = fill(rng.choice(HEADLINES[topic]), rng)
    return Article(id=doc_id, title=title, text="\n\n".join([title, *paragraphs]))
