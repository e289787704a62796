"""The `app_reviews` table: a year of App Store and Google Play reviews of Kanbo's mobile apps.

Each review is drawn as a rating, then the topics the reviewer writes about, then text composed from
many hand-written fragments (paraphrases, multi-topic sentences, typos, slang, lowercase). A random
subset carries gold topic labels from a fixed labelling guide. Planted, for instructors
(docs/world-ground-truth.md):

- review volume grows with the user base, with a launch spike, a weekday rhythm, small bumps after
  releases and a holiday dip;
- ratings are J-shaped (mostly 5, then 1); iOS 5.1.0 had a crash bug (more crash reviews until 5.1.1);
- after Android 5.4.0 (company.INCIDENT_DATE) Android reviews spike (INCIDENT_PEAK_PER_DAY extra at
  the peak), their rating collapses and sync dominates them, many citing 5.4.0; iOS does not change;
- a simple keyword lexicon tags topics reasonably but not perfectly: paraphrases without the keyword,
  praise that names a topic word ("never crashed once") and typos all appear.

Dirt a real store scrape has: the same review posted twice by the same reviewer, star-only Android
reviews with no text, Android reviews with no app version, and some reviews not in English.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import numpy as np
import pandas as pd

from pmcourse.world import company, rollout
from pmcourse.world.spec import Column, Table
from pmcourse.world.streams import table_rng

TOPICS = ("sync", "crash", "performance", "pricing", "ui", "notifications", "collaboration", "integrations",
          "offline", "praise")
NO_TOPIC = "none"
COMPLAINTS = TOPICS[:-1]

# Volume: reviews per day at launch before weekday and seasonal factors, growing with the user base.
BASE_PER_DAY = {"ios": 1.4, "android": 1.6}
GROWTH = 1.2  # +120% by the end of the year: the active user base grows faster than sign-ups
LAUNCH_SPIKE, LAUNCH_DECAY_DAYS = 1.5, 10.0
RELEASE_BUMP, RELEASE_DECAY_DAYS = 0.5, 3.0  # in-app review prompts after each update
WEEKDAY = (1.15, 1.18, 1.12, 1.08, 0.98, 0.72, 0.72)  # Monday first
HOLIDAYS, HOLIDAY_FACTOR, AUGUST_FACTOR = (date(2025, 12, 22), date(2026, 1, 1)), 0.6, 0.85
COUNTRY_SHARE = {
    "ios": {"US": .40, "CA": .05, "GB": .12, "DE": .07, "FR": .05, "NL": .03, "ES": .03, "BR": .05, "MX": .03,
            "IN": .05, "AU": .07, "JP": .05},
    "android": {"US": .28, "CA": .04, "GB": .08, "DE": .10, "FR": .06, "NL": .03, "ES": .05, "BR": .12, "MX": .06,
                "IN": .12, "AU": .03, "JP": .03},
}
UPDATE_LAG_MEAN_DAYS, LATE_UPDATER_SHARE, LATE_LAG_DAYS = 6.0, 0.10, (30, 150)

# Ratings 1..5: J-shaped for ordinary reviews, collapsed for reviews of the sync incident.
RATING_P = {"ios": (0.08, 0.04, 0.07, 0.18, 0.63), "android": (0.11, 0.05, 0.08, 0.18, 0.58)}
IOS_CRASH_VERSION, IOS_CRASH_RATING_P, IOS_CRASH_WEIGHT = "5.1.0", (0.30, 0.10, 0.10, 0.15, 0.35), 8.0
INCIDENT_RATING_P = (0.58, 0.22, 0.11, 0.06, 0.03)
# The incident: extra Android reviews as phones update (lag mean 4 days), fading over weeks, plus half
# of the ordinary Android reviews written on 5.4.0 turn into sync complaints.
INCIDENT_PEAK_PER_DAY, INCIDENT_LAG_DAYS, INCIDENT_DECAY_DAYS = 9.0, 4.0, 40.0
INCIDENT_SHARE_OF_54_REVIEWS = 0.5
INCIDENT_VERSION_CITED = 0.35  # incident reviews that add a sentence naming the version
INCIDENT_EXTRA_TOPIC_P = {"crash": 0.12, "performance": 0.10, "notifications": 0.10, "": 0.68}  # besides sync
# Topics drawn for ordinary complaints (weights) and for requests in 4-5 star reviews.
COMPLAINT_WEIGHTS = {
    "ios": {"sync": .06, "crash": .14, "performance": .12, "pricing": .20, "ui": .15, "notifications": .12,
            "collaboration": .07, "integrations": .07, "offline": .07},
    "android": {"sync": .07, "crash": .15, "performance": .18, "pricing": .17, "ui": .14, "notifications": .09,
                "collaboration": .06, "integrations": .06, "offline": .08},
}
REQUEST_WEIGHTS = {"offline": .25, "integrations": .22, "ui": .25, "notifications": .10, "collaboration": .10,
                   "pricing": .05, "performance": .03}
# Labels and dirt.
GOLD_SIZE = 350
NON_ENGLISH_SHARE = 0.10  # of Android reviews from DE, FR, ES, MX, BR
STAR_ONLY_SHARE = 0.02  # Android reviews with a rating and no text
NO_VERSION_SHARE = 0.025  # Android reviews written from the web store: no app version
DUPLICATE_SHARE = 0.012

SLOTS = {
    "competitor": company.COMPETITORS,
    "integration": ("Slack", "Google Drive", "Jira", "GitHub", "Teams", "Zapier", "Dropbox", "Notion"),
    "calendar": ("Google Calendar", "Outlook", "my iCloud calendar", "Google calendar"),
    "place": ("on the train", "on flights", "in the subway", "at our warehouse", "on job sites", "in the basement",
              "when I travel", "at my cabin", "on the bus"),
    "team_size": ("5", "8", "12", "20", "a small team", "three people"),
    "n": ("10", "15", "20", "30"),
    "business": ("marketing agency", "bakery", "dental practice", "design studio", "construction company", "nonprofit"),
    "feature": ("timeline view", "custom fields", "guest access", "recurring tasks", "more than 3 boards"),
}
DEVICES = {
    "ios": ("iPhone 13", "iPhone 14 Pro", "iPhone 15", "iPhone SE", "iPad Air", "iPhone 12 mini", "iPhone 16"),
    "android": ("Pixel 7", "Pixel 8", "Galaxy S23", "Galaxy A54", "OnePlus 11", "Moto G", "Redmi Note 12",
                "Galaxy Tab S9"),
}

# Fragments: a string, or (string, extra topics the sentence also raises).
MAJOR = {
    "sync": (
        "Sync between the web app and my phone is hit or miss.",
        "Changes I make on my laptop take ages to show up on the phone.",
        "Half the time the board on my {device} is out of date and I have to pull down to refresh a few times.",
        "Cards I moved on desktop still sit in the old column on mobile.",
        "Syncing just stops sometimes and I only notice when a coworker asks why I haven't updated a task.",
        "My checklist items keep reverting to unchecked.",
        "Due dates I set on the phone don't always stick.",
        "The app and the website never seem to agree on what's on the board.",
        "Had duplicate cards appear after syncing, now I clean them up by hand.",
        "Comments show up hours late on mobile.",
        "Sync conflicts happen way too often when two of us edit the same card.",
        "Edits from my phone sometimes just vanish.",
    ),
    "crash": (
        "Crashes every time I open a board with more than a few dozen cards.",
        "App keeps crashing when I try to attach a photo.",
        "It just closes itself when I tap on a card. No error, nothing.",
        "Constant crashes since {version}.",
        "Crashes on launch on my {device}.",
        "Freezes and then shuts down whenever I drag a card between columns.",
        "The app dies in the middle of writing a comment and the text is gone.",
        "Opened it this morning and it immediately quit. Tried three times.",
        "Force closes whenever I rotate my {device}.",
        "Kicks me back to the home screen every time I try to add a due date.",
        "Unusable, it crashes more than it works.",
        "Goes white and closes when I open the calendar view.",
    ),
    "performance": (
        "Painfully slow to load boards.",
        "Takes forever to open, I stare at the spinner for {n} seconds.",
        "Scrolling through a big board is really laggy.",
        "Drains my battery like crazy.",
        "The app gets sluggish once a board has a lot of cards.",
        "Every tap has a delay, feels like wading through mud.",
        "Search takes ages to return anything.",
        "It's heavy. {n} seconds just to show my boards on a decent phone.",
        "Uploading an attachment takes minutes.",
        "My phone heats up after a few minutes in the app.",
        "Way slower than the web version.",
    ),
    "pricing": (
        "Way too expensive for a small team.",
        "$8 per seat per month adds up fast when half the team only looks at boards.",
        "They moved features I was using to the paid plan. Not cool.",
        "The free plan is so limited it's basically a trial.",
        "Our bill went up at renewal with no warning.",
        "Why do I need to upgrade just to get {feature}?",
        "Costs more than {competitor} and does less.",
        "Charged me after I cancelled, still waiting on a refund.",
        ("Paying a full seat for a client who just looks at one board makes no sense.", ("collaboration",)),
        "Can't justify the cost for {team_size}.",
        "Pricing is ridiculous for what you get.",
    ),
    "ui": (
        "The new layout is confusing, I can't find anything.",
        "Buttons are tiny and I keep tapping the wrong one.",
        "Too many taps to do something simple like moving a card.",
        "Long card titles get cut off.",
        "Design feels cluttered on a phone screen.",
        "Where did the archive button go?? Took me ten minutes to find it.",
        "Dragging cards around on a small screen is a nightmare.",
        "The interface looks like it was made for desktop and squeezed onto a phone.",
        "Font is way too small and you can't change it.",
        "Menus hide the things I use most.",
        "No landscape mode on my {device}, really?",
    ),
    "notifications": (
        "Notifications don't come through at all unless I open the app.",
        "I never get reminded about due dates.",
        "Getting pinged for every tiny change on every board, way too noisy.",
        "Push alerts arrive hours late.",
        "Turned off notifications in settings and it still buzzes me.",
        "Can't choose which boards notify me, it's all or nothing.",
        "Missed a deadline because the reminder never showed up.",
        "My phone goes off constantly with updates I don't care about.",
        "The badge count is always wrong.",
    ),
    "collaboration": (
        "Can't assign a card to more than one person.",
        "No way to see who changed what on a board.",
        "Inviting teammates is a pain, the invite links keep expiring.",
        "Comments get buried, hard to have an actual discussion on a card.",
        "Mentions don't work in comments on mobile.",
        "Permissions are all-or-nothing, I can't let someone view without editing.",
        "Hard to see what everyone is working on.",
        ("Sharing a board with a client means paying for another seat.", ("pricing",)),
    ),
    "integrations": (
        "The {integration} integration stopped working and support has no idea why.",
        "Doesn't talk to {integration}, which is a dealbreaker for us.",
        "Due dates don't show up in {calendar}.",
        "No way to connect it to {integration}, so we copy things over by hand.",
        "Messages Kanbo posts to Slack are garbled.",
        "Calendar sync with {calendar} duplicates every event.",
        "Our Zapier triggers fire twice.",
        "Files from {integration} won't open in the app.",
    ),
    "offline": (
        "Completely useless without signal. Can't even read my cards {place}.",
        "No offline mode, so I can't check my tasks {place}.",
        "Lost connection for a minute and it threw away what I was typing.",
        "Needs internet for everything, even a board I opened five minutes ago.",
        "Spotty wifi at our site means a blank screen and a spinner.",
        "Tried to update tasks on a flight. Nope, nothing works without a connection.",
        "I work {place} and the app is dead weight there.",
        "On a plane it's just an empty screen.", "Our warehouse is a dead zone and the app just sits there spinning.",
        "The moment I lose reception I lose my boards.", "Went hiking, no bars, no tasks.",
    ),
}
MINOR = {
    "crash": ("Crashed once or twice when uploading files, nothing major.",
              "Very occasionally it quits on me when switching boards."),
    "performance": ("Could be a bit snappier opening big boards.", "Startup is slow-ish on my {device}.",
                    "A little slow on older phones but fine otherwise."),
    "pricing": ("Wish there was a cheaper tier for freelancers.", "A bit pricey, but we get our money's worth.",
                "An annual plan with a discount would be nice.", "Would love a nonprofit discount."),
    "ui": ("Please add dark mode!", "Dark mode would be great for late nights.", "Would love bigger text options.",
           "Some icons aren't obvious at first.", "Wish I could collapse columns on the phone."),
    "notifications": ("Would like more control over which notifications I get.",
                      "A daily summary instead of a ping per change would be nice.",
                      "Reminders could be a bit smarter."),
    "collaboration": ("Would love guest access for clients.", "Wish I could see who's working on what at a glance.",
                      "Assigning a card to two people would help us a lot."),
    "integrations": ("A {integration} integration would make this perfect.", "Wish it connected to {integration}.",
                     "Would be nice to push due dates into {calendar}."),
    "offline": ("Offline mode please!", "Only thing missing is being able to work offline {place}.",
                "Would be perfect if it kept my boards around for when there's no signal.",
                "Would love to use it on flights too."),
}
PRAISE = (
    "Love it.", "Great app!", "Exactly what our team needed.", "Simple, clean and it just works.",
    "Best task board app I've tried, and I've tried a lot.", "Switched from {competitor} and haven't looked back.",
    "Makes keeping track of my work so much easier.", "Our whole office runs on this now.",
    "Easy to pick up, even for the less techy people here.", "Really well thought out.",
    "Does everything I need and nothing I don't.", "My to-do lists finally live in one place.",
    "Honestly a lifesaver for keeping projects on track.", "Super handy for planning the week.",
    "Boards are easy to set up and easy to read.", "Love the templates.", "Perfect for managing client projects.",
    "Keeps me organised.", "Use it every day for work and for family chores.", "Intuitive and pleasant to use.",
    "Great for personal projects too.", "So much better than a spreadsheet.", "Drag and drop is smooth and satisfying.",
    "Really solid app.", "Set up our {business} in an afternoon.", "Way better than {competitor}.",
    "Kanban done right.", "Helps me actually finish things.", "Honestly the best app on my phone.",
)
# Praise that names a topic's word without raising it (the labelling guide counts it as praise only).
PRAISE_MENTIONS = (
    "Syncs instantly between my phone and laptop.", "No sync issues at all, which I can't say about {competitor}.",
    "Never crashed on me once.", "Fast, even with big boards.", "Notifications are actually useful, not spammy.",
    "Worth every penny.", "Fair price for what you get.", "The free plan is generous.",
    "Clean UI, nothing gets in the way.", "The Slack integration is a nice touch.",
    "Sharing boards with my team is super easy.", "Great for team collaboration.", "Works great with Google Calendar.",
    "Reminders keep me on top of deadlines.", "Haven't had a single crash in months.", "Loads fast, no lag.",
    "Even works on slow hotel wifi.",
)
PRAISE_MENTION_SHARE = 0.15
PRAISE_MILD = (
    "Nice concept.", "The boards themselves are nice.", "Good for basic stuff.", "Works fine most of the time.",
    "Does what it says.", "The web version is great.", "Like the look of it.", "Handy for simple lists.",
    "Easy enough to use.", "Better than nothing.", "Has potential.",
)
INCIDENT = (
    "Since the {version} update my boards stop syncing as soon as I switch apps and come back.",
    "After updating to 5.4.0 nothing syncs unless I force close the app.",
    "Every time I come back to the app the board is stuck on whatever it showed before. Have to kill it and reopen.",
    "Latest update broke sync completely. Coworkers move cards and I don't see any of it.",
    "Pull to refresh does nothing anymore. The board only updates after a restart.",
    "I moved a card to Done on my phone, checked the web an hour later and it was still in Doing.",
    "Lost a whole afternoon of edits, they never made it to the server.",
    "The app says everything is up to date but it's clearly showing yesterday's board.",
    "Worked perfectly until this week's update. Now the phone and the web show two different boards.",
    "Already reinstalled and cleared the cache, sync is still broken.",
    "Switching back to the app from another app = stale board. Every. Single. Time.",
    "5.4.0 is a mess, please roll it back. Nothing updates in the background anymore.",
    "My tasks don't refresh after the phone has been locked for a bit.",
    "New cards my coworkers add never appear until I log out and back in.",
    "Sync has been broken since the January update.",
    "Whatever you changed in 5.4 broke syncing.",
    "Had to tell everyone to use the website until this is fixed, the app shows old data.",
    "Checked off tasks on my phone, came back later and they're unchecked again.",
    "Boards freeze on an old state after resuming the app. Only a force stop fixes it.",
    "The data on my phone is hours behind the web.",
    "Does anyone test the Android updates? Syncing is completely broken since the last one.",
    "Edits vanish. I update a card, leave the app, come back and it's as if I never touched it.",
    "It doesn't sync anymore on my {device}.",
    "Since updating, nothing I do on the phone reaches anyone else.",
    "Not syncing since the update. Useless for a shared board.",
    "Changes made on the web don't show on my {device} unless I clear the app from recents.",
    "Sync is broken on Android since 5.4.0.", "Nothing syncs once the app has been in the background.",
    "Constant sync failures since the update, the board is never current.",
    "The sync spinner goes round forever and then nothing.", "Please fix syncing, this is our main tool.",
    "It doesn't sync when I reopen the app, only after a force stop.", "Sync stopped working after the last update.",
    "Boards don't sync between my phone and laptop anymore.",
)
INCIDENT_SHOUTS = ("Fix the sync!", "Sync. Is. Broken.", "Syncing is a joke right now.", "Please fix sync.",
                   "FIX SYNC!!", "Sync needs fixing asap.")
INCIDENT_SHOUT_SHARE = 0.25
INCIDENT_EXTRA = {
    "crash": ("It also crashed twice while I was trying to force a refresh.",
              "And now it sometimes crashes on resume."),
    "performance": ("And refreshing takes forever when it does work.",),
    "notifications": ("Push notifications tell me about cards I can't even see in the app.",),
    "": ("And we pay for Business seats for this.", "My team thinks I'm ignoring their updates.",
         "Support just told me to reinstall."),
}
VERSION_CITES = ("Running {version} on a {device}.", "Version {version}, {device}.", "Started right after 5.4.0.",
                 "(v{version})", "On {version}.", "Android, app version {version}.")
NO_TOPIC_TEXTS = {  # by rating
    1: ("Doesn't work.", "Garbage.", "Worst app ever.", "Don't bother.", "Nope.", "Waste of time.", "Why."),
    2: ("Doesn't work for me.", "Not for us.", "Expected more.", "Nah.", "Deleted it after a day."),
    3: ("Meh.", "It's fine.", "Does the job I guess.", "ok", "Not sure yet.", "Haven't used it much yet.",
        "It's an app.", "Average."),
    4: ("ok", "It's fine.", "Does the job I guess.", "Downloaded for work.", "First day using it, will update.",
        "Pretty standard board app.", "Good", "Nice"),
    5: ("My boss makes us use it.", "Downloaded for work.", "First day using it, will update.",
        "Had to install it for a class.", "Using it for our wedding planning.", "My first review!",
        "Our teacher told us to get it.", "Installed on my new phone.", "Using it for the house move."),
}
OPENERS = {
    "neg": ("Really frustrated.", "Used to love this app.", "Honestly disappointed.", "Ugh.", "Not happy.",
            "I wanted to like this.", "Been using Kanbo for work since spring.", "We use this for {team_size}.",
            "I run a {business} on this app."),
    "mid": ("Mixed feelings.", "It's okay.", "Decent app.", "Good idea, so-so execution.", "Some good, some bad.",
            "We use it at our {business}."),
    "pos": ("Been using it for a few months now.", "We moved everyone over from {competitor}.",
            "Found this through a friend.", "Started using it for a side project.", "I run a {business} on it.",
            "We run our weekly sync off a Kanbo board."),
}
CLOSERS = {
    "neg": ("Fix it please.", "Uninstalling.", "Will update my rating when this is fixed.", "Moving to {competitor}.",
            "Very disappointing.", "Support never answered my email.", "Not recommended until they fix this.",
            "Please fix ASAP."),
    "mid": ("Would be 5 stars otherwise.", "Fix that and it's a great app.", "Still using it for now.",
            "Hoping the next update helps."),
    "pos": ("Keep up the good work!", "Highly recommend.", "Thanks Kanbo team!", "Recommended it to my colleagues.",
            "Can't wait to see what's next.", "10/10"),
}
TITLES = {
    "sync": ("Sync issues", "Not syncing", "Boards out of date", "Changes don't save", "Data not updating"),
    "crash": ("Keeps crashing", "Crashes constantly", "Unstable", "Crashes on launch"),
    "performance": ("So slow", "Laggy", "Battery hog", "Slow to load"),
    "pricing": ("Too expensive", "Overpriced", "Pricing", "Free plan too limited"),
    "ui": ("Confusing design", "Hard to use on a phone", "Clunky", "Needs dark mode"),
    "notifications": ("Notifications broken", "Too many notifications", "No reminders"),
    "collaboration": ("Team features lacking", "Not great for teams"),
    "integrations": ("Missing integrations", "Integration broken"),
    "offline": ("Needs offline mode", "Useless without signal"),
    "praise": ("Love it", "Great app", "Excellent", "Best task app", "Game changer", "Perfect for our team", "Solid",
               "Simple and effective", "Highly recommend"),
    "mixed": ("Good but...", "Almost perfect", "Could be better", "Nearly there", "Pretty good"),
    "none": ("Meh", "It's ok", "Review", "Hmm", "Okay"),
    "bad": ("Disappointed", "Not good", "Nope", "Frustrating", "Meh", "Don't bother"),
}
SLANG = {"neg": (" tbh", " ngl", " fr", " smh", " pls"), "mid": (" tbh", " ngl", " imo", " lol"),
         "pos": (" tbh", " ngl", " imo", " lol")}
# Reviews not in English: (language's countries, rating band, topics, text).
FOREIGN = (
    (("DE",), "sync", ("sync",), "Seit dem Update auf 5.4.0 synchronisiert die App nicht mehr. Erst nach einem "
                                 "Neustart sehe ich die Änderungen."),
    (("DE",), "sync", ("sync",), "Die Boards aktualisieren sich nicht, wenn ich die App wieder öffne. Sehr ärgerlich."),
    (("DE",), "neg", ("pricing",), "Viel zu teuer für ein kleines Team."),
    (("DE",), "neg", ("crash",), "Stürzt ständig ab, sobald ich ein Bild anhänge."),
    (("DE",), "neg", ("offline",), "Ohne Internet geht gar nichts, im Zug völlig unbrauchbar."),
    (("DE",), "pos", ("praise",), "Super App, nutzen wir in der ganzen Firma."),
    (("DE",), "pos", ("praise",), "Einfach und übersichtlich. Gefällt mir sehr."),
    (("DE",), "pos", ("praise", "ui"), "Tolle App, nur ein Dark Mode fehlt noch."),
    (("DE",), "pos", ("praise",), "Endlich Ordnung in unseren Projekten."),
    (("DE",), "pos", ("praise",), "Klappt prima, benutze ich jeden Tag."),
    (("DE",), "pos", ("offline", "praise"), "Gute App. Wäre perfekt, wenn sie auch offline funktionieren würde."),
    (("DE",), "neg", ("notifications",), "Erinnerungen kommen gar nicht oder viel zu spät."),
    (("FR",), "sync", ("sync",), "Depuis la mise à jour, mes tableaux ne se mettent plus à jour quand je reviens "
                                 "dans l'appli."),
    (("FR",), "sync", ("sync",), "Les modifications faites sur le téléphone n'apparaissent plus sur l'ordinateur "
                                 "depuis la 5.4.0."),
    (("FR",), "neg", ("pricing",), "Trop cher pour ce que c'est."),
    (("FR",), "neg", ("crash",), "L'application plante tout le temps."),
    (("FR",), "neg", ("notifications",), "Les notifications arrivent avec des heures de retard."),
    (("FR",), "pos", ("praise",), "Très pratique pour organiser le travail de l'équipe."),
    (("FR",), "pos", ("praise",), "Application simple et efficace, je recommande."),
    (("FR",), "pos", ("offline", "praise"), "Parfait, il manque juste un mode hors ligne."),
    (("FR",), "pos", ("praise",), "Super appli, toute l'agence l'utilise."),
    (("FR",), "pos", ("praise",), "Bien pensée et facile à prendre en main."),
    (("FR",), "neg", ("performance",), "Très lente dès qu'un tableau a beaucoup de cartes."),
    (("ES", "MX"), "sync", ("sync",), "Desde la última actualización no se sincroniza nada si no cierro la app."),
    (("ES", "MX"), "sync", ("sync",), "Los cambios que hago en el celular no aparecen en la web desde la versión "
                                      "5.4.0."),
    (("ES", "MX"), "neg", ("performance",), "Muy lenta para cargar los tableros."),
    (("ES", "MX"), "neg", ("pricing",), "Demasiado cara para un equipo pequeño."),
    (("ES", "MX"), "neg", ("crash",), "Se cierra sola cada vez que abro una tarjeta."),
    (("ES", "MX"), "pos", ("praise",), "Excelente aplicación, la uso todos los días."),
    (("ES", "MX"), "pos", ("praise",), "Muy fácil de usar, a mi equipo le encanta."),
    (("ES", "MX"), "pos", ("integrations", "praise"), "Buena app, pero le falta integración con Google Calendar."),
    (("ES", "MX"), "pos", ("praise",), "Me ayuda muchísimo a organizar mis proyectos."),
    (("ES", "MX"), "pos", ("praise",), "La mejor app de tareas que he probado."),
    (("ES", "MX"), "neg", ("ui",), "Los botones son muy pequeños y la letra también."),
    (("BR",), "sync", ("sync",), "Depois da atualização os quadros não sincronizam mais quando volto para o app."),
    (("BR",), "sync", ("sync",), "Desde a versão 5.4.0 o app mostra dados antigos, só atualiza se eu fechar e "
                                 "abrir de novo."),
    (("BR",), "neg", ("pricing",), "Muito caro em reais."),
    (("BR",), "neg", ("crash",), "O app trava direto e fecha sozinho."),
    (("BR",), "neg", ("offline",), "Não funciona sem internet, péssimo."),
    (("BR",), "pos", ("praise",), "Ótimo aplicativo, organizou minha equipe."),
    (("BR",), "pos", ("praise",), "Muito bom e fácil de usar."),
    (("BR",), "pos", ("praise", "ui"), "Gostei muito, só falta modo escuro."),
    (("BR",), "pos", ("praise",), "Uso todo dia no trabalho, recomendo."),
    (("BR",), "pos", ("praise",), "Simples e funciona muito bem."),
    (("BR",), "neg", ("pricing",), "O plano grátis é muito limitado."),
)


def _pick(rng: np.random.Generator, options: tuple | list) -> object:
    """One option, uniformly."""
    return options[int(rng.integers(len(options)))]


def _weighted(rng: np.random.Generator, weights: dict[str, float], k: int) -> list[str]:
    """`k` distinct keys of `weights`, drawn with probability proportional to their weights."""
    keys = list(weights)
    p = np.array([weights[key] for key in keys], dtype=float)
    return [keys[i] for i in rng.choice(len(keys), size=min(k, len(keys)), replace=False, p=p / p.sum())]


def _daily_rates(platform: str) -> np.ndarray:
    """Expected ordinary reviews per day of the window on `platform`."""
    days = pd.date_range(company.WORLD_START, company.WORLD_END, freq="D")
    t = np.arange(len(days))
    rate = BASE_PER_DAY[platform] * (1 + GROWTH * t / len(days)) * (1 + LAUNCH_SPIKE * np.exp(-t / LAUNCH_DECAY_DAYS))
    for _, released in company.APP_RELEASES[platform]:
        since = (days - pd.Timestamp(released)).days.to_numpy()
        rate *= 1 + np.where(since >= 0, RELEASE_BUMP * np.exp(-np.maximum(since, 0) / RELEASE_DECAY_DAYS), 0)
    rate *= np.array(WEEKDAY)[days.day_of_week]
    rate[days.month == 8] *= AUGUST_FACTOR
    rate[(days >= pd.Timestamp(HOLIDAYS[0])) & (days <= pd.Timestamp(HOLIDAYS[1]))] *= HOLIDAY_FACTOR
    return rate


def _incident_rates() -> np.ndarray:
    """Expected extra Android reviews per day caused by the 5.4.0 sync regression."""
    days = pd.date_range(company.WORLD_START, company.WORLD_END, freq="D")
    since = (days - pd.Timestamp(company.INCIDENT_DATE)).days.to_numpy().astype(float)
    ramp = rollout.install_ramp(since, INCIDENT_LAG_DAYS)  # phones with 5.4.0, stage by stage
    return INCIDENT_PEAK_PER_DAY * ramp * np.exp(-np.maximum(since, 0) / INCIDENT_DECAY_DAYS) * \
        np.array(WEEKDAY)[days.day_of_week]


def _version(rng: np.random.Generator, platform: str, day: date, bucket: np.random.Generator) -> str:
    """The app version a reviewer runs on `day`: usually the newest offered to them, sometimes one from months
    ago. Android 5.4.0 reached a reviewer only once the staged rollout offered it (`bucket`: its own stream)."""
    if rng.random() < LATE_UPDATER_SHARE:
        lag = int(rng.integers(*LATE_LAG_DAYS))
    else:
        lag = int(rng.exponential(UPDATE_LAG_MEAN_DAYS))
    first = company.APP_RELEASES[platform][0][0]
    updated_by = day - timedelta(days=lag)
    version = company.app_version_on(platform, updated_by) or first
    if platform == company.INCIDENT_PLATFORM and version == company.INCIDENT_VERSION:
        offered = company.WORLD_START + timedelta(days=int(rollout.offered_day(bucket.random())))
        if offered > updated_by:
            version = company.app_version_on(platform, company.INCIDENT_DATE - timedelta(days=1))
    return version


def _fill(rng: np.random.Generator, text: str, platform: str, version: str) -> str:
    """Replace the {slots} of a fragment with concrete words."""
    for key, options in SLOTS.items():
        while "{" + key + "}" in text:
            text = text.replace("{" + key + "}", str(_pick(rng, options)), 1)
    return text.replace("{device}", str(_pick(rng, DEVICES[platform]))).replace("{version}", version)


def _fragment(rng: np.random.Generator, options: tuple) -> tuple[str, tuple[str, ...]]:
    """A fragment's text and the extra topics it raises."""
    chosen = _pick(rng, options)
    return (chosen, ()) if isinstance(chosen, str) else chosen


def _band(rating: int) -> str:
    """Rating band for openers and closers."""
    return "neg" if rating <= 2 else "mid" if rating == 3 else "pos"


def _topics(rng: np.random.Generator, rating: int, weights: dict[str, float]) -> list[str]:
    """The topics an ordinary review raises, by its rating (empty: a review with no topic)."""
    if rating <= 2:
        if rng.random() < 0.07:
            return []
        return _weighted(rng, weights, int(rng.choice([1, 2, 3], p=[0.65, 0.28, 0.07])))
    if rng.random() < 0.035:
        return []
    if rating == 3:
        topics = _weighted(rng, weights, int(rng.choice([0, 1, 2], p=[0.1, 0.6, 0.3])))
        return [*topics, "praise"] if rng.random() < 0.45 or not topics else topics
    requests = _weighted(rng, REQUEST_WEIGHTS, int(rng.choice([0, 1, 2], p=[0.4, 0.5, 0.1]) if rating == 4 else
                                                   rng.choice([0, 1], p=[0.82, 0.18])))
    return ["praise", *requests] if rng.random() < 0.93 or not requests else requests


def _compose(rng: np.random.Generator, rating: int, topics: list[str], platform: str, version: str,
             incident: bool) -> tuple[str, set[str]]:
    """The review text, and its full topic set (fragments may raise extra topics)."""
    band, labels, parts = _band(rating), set(topics), []
    if not topics:
        return str(_pick(rng, NO_TOPIC_TEXTS[rating])), labels
    if rng.random() < 0.3:
        parts.append(_pick(rng, OPENERS[band]))
    if "praise" in topics:
        bank = PRAISE_MILD if rating <= 3 else PRAISE if rating == 5 else PRAISE + PRAISE_MILD
        for _ in range(int(rng.choice([1, 2, 3], p=[0.6, 0.3, 0.1]))):
            parts.append(_pick(rng, PRAISE_MENTIONS if rating >= 4 and rng.random() < PRAISE_MENTION_SHARE else bank))
    for topic in topics:
        if topic == "praise":
            continue
        if incident and topic == "sync":
            bank = INCIDENT
        elif incident:
            bank = INCIDENT_EXTRA[topic]
        else:
            bank = MAJOR[topic] if rating <= 3 else MINOR[topic]
        text, extra = _fragment(rng, bank)
        parts.append(text)
        labels |= set(extra)
    if incident:
        if rng.random() < 0.3:
            parts.append(_pick(rng, INCIDENT_EXTRA[""]))
        if rng.random() < INCIDENT_SHOUT_SHARE:
            parts.append(_pick(rng, INCIDENT_SHOUTS))
        if rng.random() < INCIDENT_VERSION_CITED:
            parts.append(_pick(rng, VERSION_CITES))
    if rng.random() < 0.25:
        parts.append(_pick(rng, CLOSERS[band]))
    if len(parts) > 2 and not incident and rng.random() < 0.5:
        parts = [parts[0], *[parts[i] for i in rng.permutation(np.arange(1, len(parts) - 1))], parts[-1]]
    return _fill(rng, " ".join(dict.fromkeys(parts)), platform, version), labels


def _roughen(rng: np.random.Generator, text: str, rating: int) -> str:
    """Make the text read like a phone review: dropped apostrophes, typos, slang, lowercase."""
    if rng.random() < 0.15:
        text = text.replace("'", "")
    if rng.random() < 0.10:
        words = [m for m in re.finditer(r"[A-Za-z]{5,}", text)]
        if words:
            m = _pick(rng, words)
            i = m.start() + int(rng.integers(1, len(m.group()) - 2))
            text = text[:i] + text[i + 1] + text[i] + text[i + 2:]
    if rng.random() < 0.05:
        text = re.sub(r"\byou\b", "u", re.sub(r"\byour\b", "ur", text))
    if rng.random() < 0.1:
        text = text.rstrip(".") + _pick(rng, SLANG[_band(rating)])
    if rating == 1 and rng.random() < 0.2:
        text = text.rstrip(".") + "!!!"
    if rng.random() < 0.18:
        text = text.lower()
    elif rng.random() < 0.2:
        text = text.rstrip(".")
    return text


def _title(rng: np.random.Generator, rating: int, labels: set[str]) -> str:
    """An App Store title: about the main complaint for low ratings, praise or hedging for high ones."""
    complaints = [t for t in COMPLAINTS if t in labels]
    if rating <= 3 and complaints and rng.random() < 0.7:
        key = complaints[0]
    elif rating >= 4 and "praise" in labels:
        key = "mixed" if rating == 4 and complaints and rng.random() < 0.5 else "praise"
    else:
        key = "bad" if rating <= 2 else "mixed" if labels else "none"
    title = str(_pick(rng, TITLES[key]))
    return title.lower() if rng.random() < 0.1 else title


def _review(rng: np.random.Generator, day: date, platform: str, version: str, incident: bool) -> dict[str, object]:
    """One review by a user of app `version`, before dirt and gold labels."""
    country = _weighted(rng, COUNTRY_SHARE[platform], 1)[0]
    weights = dict(COMPLAINT_WEIGHTS[platform])
    rating_p = RATING_P[platform]
    if platform == "ios" and version == IOS_CRASH_VERSION:
        weights["crash"] *= IOS_CRASH_WEIGHT
        rating_p = IOS_CRASH_RATING_P
    if incident:
        rating = int(rng.choice(5, p=INCIDENT_RATING_P)) + 1
        extra = _weighted(rng, INCIDENT_EXTRA_TOPIC_P, 1)[0]
        topics = ["sync", extra] if extra else ["sync"]
    else:
        rating = int(rng.choice(5, p=rating_p)) + 1
        topics = _topics(rng, rating, weights)
    text, labels = _compose(rng, rating, topics, platform, version, incident)
    want = "sync" if incident else "pos" if rating >= 4 else "neg"
    foreign = [f for f in FOREIGN if country in f[0] and f[1] == want]
    if platform == "android" and foreign and rng.random() < NON_ENGLISH_SHARE:
        _, _, foreign_topics, text = _pick(rng, foreign)
        labels = set(foreign_topics)
    elif rng.random() < 0.97:
        text = _roughen(rng, text, rating)
    title = _title(rng, rating, labels) if platform == "ios" else None
    if platform == "android" and not incident and rng.random() < STAR_ONLY_SHARE:
        text, labels = None, set()
    if platform == "android" and rng.random() < NO_VERSION_SHARE:
        version = None
    return {"date": day, "platform": platform, "app_version": version, "country": country, "rating": rating,
            "title": title, "text": text, "labels": labels}


def build_app_reviews(rng: np.random.Generator) -> pd.DataFrame:
    """Return the store reviews, one row per review in date order, with gold topics on a random subset."""
    days = [company.WORLD_START + timedelta(days=i) for i in range((company.WORLD_END - company.WORLD_START).days + 1)]
    rows = []
    bucket = table_rng("rollout:app_reviews")
    for platform in ("ios", "android"):
        ordinary = rng.poisson(_daily_rates(platform))
        extra = rng.poisson(_incident_rates()) if platform == company.INCIDENT_PLATFORM else np.zeros(len(days), int)
        for i, day in enumerate(days):
            for _ in range(ordinary[i]):
                version = _version(rng, platform, day, bucket)
                incident = platform == company.INCIDENT_PLATFORM and version == company.INCIDENT_VERSION and \
                    rng.random() < INCIDENT_SHARE_OF_54_REVIEWS
                rows.append(_review(rng, day, platform, version, incident))
            rows += [_review(rng, day, platform, company.INCIDENT_VERSION, True) for _ in range(extra[i])]
    rows += _duplicates(rng, rows)
    frame = pd.DataFrame(rows)
    frame["reviewer"] = _reviewers(rng, frame)
    frame = frame.iloc[np.lexsort((rng.random(len(frame)), frame["date"].to_numpy()))].reset_index(drop=True)
    gold = np.zeros(len(frame), dtype=bool)
    gold[rng.choice(len(frame), size=GOLD_SIZE, replace=False)] = True
    frame["is_gold"] = gold
    frame["gold_topics"] = [";".join(sorted(labels)) or NO_TOPIC if g else None
                            for labels, g in zip(frame["labels"], gold, strict=True)]
    frame["review_id"] = np.arange(100001, 100001 + len(frame))
    frame["date"] = [d.isoformat() for d in frame["date"]]
    return frame[[c.name for c in TABLES[0].columns]]


def _duplicates(rng: np.random.Generator, rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """Reviews posted twice by the same reviewer (a double submit or a re-post a day later)."""
    chosen = rng.choice(len(rows), size=round(DUPLICATE_SHARE * len(rows)), replace=False)
    copies = []
    for i in sorted(chosen):
        copy = dict(rows[i], twin_of=int(i))
        copy["date"] = min(rows[i]["date"] + timedelta(days=int(rng.random() < 0.4)), company.WORLD_END)
        copies.append(copy)
    return copies


def _reviewers(rng: np.random.Generator, frame: pd.DataFrame) -> list[str]:
    """A pseudonymous store handle per review; a duplicate keeps its original's handle."""
    handles = [f"u{h:07x}" for h in rng.choice(16**7, size=len(frame), replace=False)]
    twins = frame["twin_of"] if "twin_of" in frame else pd.Series(np.nan, index=frame.index)
    return [handles[int(t)] if pd.notna(t) else handles[i] for i, t in enumerate(twins)]


VERSIONS = company.APP_VERSIONS

TABLES = (
    Table(
        name="app_reviews",
        build=build_app_reviews,
        description="App Store and Google Play reviews of Kanbo's mobile apps",
        unique_key=("review_id",),
        columns=(
            Column("review_id", "int", unique=True, min=100001),
            Column("date", "date", min=company.WORLD_START.isoformat(), max=company.WORLD_END.isoformat()),
            Column("platform", "str", allowed=("ios", "android")),
            Column("app_version", "str", nullable=True, allowed=VERSIONS),
            Column("country", "str", allowed=tuple(company.COUNTRIES)),
            Column("reviewer", "str"),
            Column("rating", "int", min=1, max=5),
            Column("title", "str", nullable=True),
            Column("text", "str", nullable=True),
            Column("is_gold", "bool"),
            Column("gold_topics", "str", nullable=True),
        ),
    ),
)
