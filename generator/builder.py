"""The causal scenario builder: household → history → incident → police response → statements.

Every step reads only the state the earlier steps made, so the ground truth (computed by the
policy at the end) follows from the scenario's state instead of being asserted beside it. All
randomness comes from the one seeded Faker instance.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from faker import Faker

import policy
from generator import cast as casting
from generator.providers import Place
from generator.recipe import Recipe, content, form_catalogue
from policy.decide import decide_huisverbod, decide_informing, decide_melding
from policy.signals import compute as compute_signals
from policy.surface import long_date
from scenario.model import (
    Child,
    EarlierIncident,
    Incident,
    Informed,
    Injury,
    Involvement,
    NotForVt,
    Observation,
    Officer,
    Person,
    PoliceAction,
    RiskFactor,
    Scenario,
    Statement,
    Threat,
    WeaponOrObject,
    age_on,
)

GENERATOR_VERSION = "meldtrainer-generator 1"

RANKS = {
    "noodhulp": ("agent", "hoofdagent", "brigadier"),
    "wijkagent": ("wijkagent",),
    "intake": ("medewerker intake en service",),
    "recherche": ("rechercheur", "senior rechercheur"),
}

# Incident hours: evening and night peaks for calls (DOMAIN.md §6 ⚠ unsourced), office hours
# for the desk and for schools.
CALL_HOURS = tuple(range(24))
CALL_WEIGHTS = (4, 3, 2, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 5, 6, 7, 8, 8, 7, 6)
OFFICE_HOURS = tuple(range(8, 18))


@dataclass(slots=True)
class Draw:
    """The recipe-level choices for one scenario."""

    form: str
    difficulty: str
    role: str
    channel: str
    with_minors: bool
    suspect_male: bool
    alcohol: bool
    repeat: bool


def _pick(rng, weights: dict[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def draw(fake: Faker, recipe: Recipe, p_alcohol: float) -> Draw:
    rng = fake.random
    form = _pick(rng, recipe.forms)
    spec = form_catalogue()[form]
    roles = {r: w for r, w in recipe.roles.items() if r in spec["rollen"]}
    role = _pick(rng, roles)
    minors = spec["minderjarigen"]
    with_minors = minors == "altijd" or (
        minors == "optioneel" and rng.random() < recipe.p_optional_minors
    )
    return Draw(
        form=form,
        difficulty=_pick(rng, recipe.difficulty),
        role=role,
        channel=rng.choice(spec["rollen"][role]),
        with_minors=with_minors,
        suspect_male=rng.random() < spec.get("verdachte_man", recipe.p_male_free),
        alcohol=form not in NO_ALCOHOL_FORMS and rng.random() < p_alcohol,
        repeat=rng.random() < recipe.targets["herhaling"],
    )


# Forms in which the suspect's alcohol use is not part of the scenario.
NO_ALCOHOL_FORMS = frozenset({"geweld_zorginstelling", "eergerelateerd_geweld"})


def alcohol_probability(recipe: Recipe) -> float:
    """Per-scenario alcohol probability that makes the overall share hit the recipe target."""
    possible = sum(w for f, w in recipe.forms.items() if f not in NO_ALCOHOL_FORMS)
    return min(1.0, recipe.targets["alcohol"] / possible) if possible else 0.0


class ScenarioBuilder:
    """Builds one scenario from one seeded Faker instance."""

    def __init__(self, fake: Faker, recipe: Recipe, scenario_id: str, seed: int, d: Draw):
        self.fake, self.rng, self.recipe, self.d = fake, fake.random, recipe, d
        self.id, self.seed = scenario_id, seed
        self.c = content()
        self.observations: list[Observation] = []
        self.statements: list[Statement] = []
        self.injuries: list[Injury] = []
        self.weapons: list[WeaponOrObject] = []
        self.threats: list[Threat] = []
        self.risks: dict[str, RiskFactor] = {}
        self.history: list[EarlierIncident] = []
        self.actions: list[PoliceAction] = []
        self.noise: list[NotForVt] = []
        self.child_info: list[Child] = []
        self.forms: list[str] = []
        self.summary_parts: list[str] = []
        self.no_violence = False

    # --- helpers -----------------------------------------------------------------------------

    def risk(self, key: str, person: Person | None, evidence: str) -> None:
        self.risks.setdefault(
            key, RiskFactor(key=key, person_id=person.id if person else None, evidence=evidence)
        )

    def observe(self, sense: str, text: str, *about: Person, indirect: bool = False) -> None:
        self.observations.append(Observation(
            id=f"o{len(self.observations) + 1}", sense=sense, text=text,
            about=[p.id for p in about], indirect=indirect,
        ))

    def say(self, speaker: Person, text: str, quote: str = "", about=(), contradicts=()) -> str:
        sid = f"s{len(self.statements) + 1}"
        self.statements.append(Statement(
            id=sid, speaker_id=speaker.id, text=text, quote=quote,
            about=[p.id for p in about], contradicts=list(contradicts),
        ))
        return sid

    def act(self, what: str, *people: Person, **kw) -> None:
        self.actions.append(PoliceAction(kind=what, description=kw.pop("description"),
                                         person_ids=[p.id for p in people], **kw))

    def short(self, p: Person) -> str:
        return p.roepnaam or p.first_name if p.name_known else (p.occupation or "de verdachte")

    @staticmethod
    def pron(p: Person) -> dict[str, str]:
        """Dutch pronouns for a person: subject, object, possessive."""
        female = p.sex == "V"
        return {"zij": "zij" if female else "hij", "haar": "haar" if female else "hem",
                "haar_bez": "haar" if female else "zijn"}

    @staticmethod
    def role_word(p: Person, child: Person | None = None) -> str:
        return {"M": "papa", "V": "mama"}[p.sex] if child else p.first_name

    # --- the steps ---------------------------------------------------------------------------

    def build(self) -> Scenario:
        place, start = self.when_and_where()
        ctx = casting.CastContext(
            fake=self.fake, day=start.date(), place=place,
            with_minors=self.d.with_minors, suspect_male=self.d.suspect_male,
        )
        if self.d.form == "geweld_zorginstelling":
            cast = casting.cast_care_institution(ctx, self.rng.choice(self.c["zorginstellingen"]))
        else:
            cast = casting.CASTS[self.d.form](ctx)
        self.cast, self.day = cast, start.date()
        self.earlier_incidents(cast)
        self.incident_events(cast)
        caller = self.caller(cast, ctx)
        officer = self.officer(place, start)
        self.children_situation(cast)
        involvement = Involvement(channel=self.d.channel, caller_id=caller.id if caller else None,
                                  summary=self.involvement_summary(cast, caller))
        incident = Incident(
            start=start, address_id=cast.home.id, location_kind=self.location_kind(),
            location_detail=self.location_detail(cast), eenheid=place.eenheid,
            basisteam=place.basisteam, involvement=involvement,
            forms=self.forms or ["geen_geweld"],
            summary="; ".join(self.summary_parts) or "woordenwisseling zonder geweld",
        )
        scenario = Scenario(
            id=self.id, source=GENERATOR_VERSION, seed=self.seed,
            title=form_catalogue()[self.d.form]["titel"], form=self.d.form,
            difficulty=self.d.difficulty, officer=officer, addresses=cast.addresses,
            persons=cast.persons, relations=cast.relations, incident=incident,
            children=self.child_info, observations=self.observations,
            statements=self.statements, injuries=self.injuries, weapons=self.weapons,
            threats=self.threats, risk_factors=list(self.risks.values()), history=self.history,
            actions=self.actions, not_for_vt=self.noise,
        )
        self.police_response(scenario)
        self.add_noise(scenario, caller)
        scenario.ground_truth = policy.decision_record(policy.decide(scenario, facts=False))
        return scenario

    def when_and_where(self) -> tuple[Place, dt.datetime]:
        r = self.recipe
        place = self.fake.police_place(r.eenheden)
        day = r.period_start + dt.timedelta(
            days=self.rng.randrange((r.period_end - r.period_start).days + 1))
        if self.d.channel in ("112", "0900-8844", "wijkagent_signaal"):
            hour = self.rng.choices(CALL_HOURS, weights=CALL_WEIGHTS)[0]
        else:
            hour = self.rng.choice(OFFICE_HOURS)
        minute = self.rng.randrange(0, 60, 5)
        return place, dt.datetime.combine(day, dt.time(hour, minute))

    def location_kind(self) -> str:
        if self.d.form == "geweld_zorginstelling":
            return "zorginstelling"
        if self.d.channel == "school":
            return "school"
        if self.d.channel in ("balie", "aangifte_op_afspraak"):
            return "bureau"
        return "woning"

    def location_detail(self, cast: casting.Cast) -> str:
        kind = self.location_kind()
        return {
            "zorginstelling": cast.institution,
            "school": "op school, in de kamer van de mentor",
            "bureau": f"aan de balie van het politiebureau in {cast.home.city}",
        }.get(kind, cast.home.description)

    def earlier_incidents(self, cast: casting.Cast) -> None:
        if not self.d.repeat or cast.suspect is None:
            return
        n = self.rng.choice((1, 1, 2, 3))
        for i in range(n):
            months_ago = self.rng.randint(1, 30)
            when_day = self.day - dt.timedelta(days=30 * months_ago + self.rng.randrange(28))
            known = self.rng.random() < 0.7
            description = self.rng.choice((
                "ruzie met geweld op dit adres", "mishandeling zonder aangifte",
                "melding van geluidsoverlast en geschreeuw", "bedreiging",
                "huiselijke twist, geen aangifte",
            ))
            self.history.append(EarlierIncident(
                date=when_day if known else None,
                when=f"{long_date(when_day).split(' ', 1)[1]}",
                description=description, known_to_police=known,
                aangifte=known and i == 0 and self.rng.random() < 0.2,
            ))
        self.history.sort(key=lambda h: h.when)
        self.risk("eerder_geweld", cast.suspect, f"{n} eerdere incident(en)")
        if n >= 3:
            self.risk("escalatie", cast.suspect, "het geweld neemt toe")

    def incident_events(self, cast: casting.Cast) -> None:
        form = self.d.form
        victim, suspect = cast.victim, cast.suspect
        borderline = (form == "partnergeweld_zonder_kinderen" and not self.d.repeat
                      and self.d.difficulty != "makkelijk")
        roll = self.rng.random()
        if borderline and self.d.difficulty == "moeilijk" and roll < 0.45:
            self.verbal_argument(cast)
        elif borderline and roll < 0.7:
            self.push_without_injury(cast)
        elif form in ("partnergeweld_met_kinderen", "partnergeweld_zonder_kinderen",
                      "oudermishandeling", "kindermishandeling"):
            self.physical_violence(cast)
        elif form == "ex_partner_stalking":
            self.stalking(cast)
        elif form == "verwaarlozing":
            self.neglect(cast)
        elif form == "ouderenmishandeling":
            self.elder_abuse(cast)
        elif form == "geweld_zorginstelling":
            self.institution_abuse(cast)
        elif form == "eergerelateerd_geweld":
            self.honour_based(cast)
        if self.d.alcohol and suspect is not None:
            self.risk("alcohol", suspect, f"{self.short(suspect)} heeft gedronken")
            if self.d.role == "noodhulp" and form != "verwaarlozing":
                self.observe("ruiken", f"{self.short(suspect)} ruikt naar alcohol", suspect)
        if cast.children and form in ("partnergeweld_met_kinderen", "oudermishandeling",
                                      "ex_partner_stalking") and not self.no_violence:
            self.forms.append("getuige_huiselijk_geweld")
        if victim is not None and not self.no_violence and self.rng.random() < 0.6:
            self.risk("angst_slachtoffer", victim, f"{self.short(victim)} zegt bang te zijn")

    def verbal_argument(self, cast: casting.Cast) -> None:
        self.no_violence = True
        v, s = cast.victim, cast.suspect
        reason = self.rng.choice(self.c["aanleidingen"]).format(verdachte_kort=self.short(s))
        self.observe("zien", "beiden zijn rustig; geen letsel en geen schade te zien", v, s)
        text = f"er was {reason}; er is niet geslagen of gedreigd en het is nooit eerder gebeurd"
        self.say(v, text.capitalize() + ".", "we hadden gewoon ruzie", about=[s])
        self.say(s, "Bevestigt dat het een harde woordenwisseling was, zonder geweld.",
                 "het liep uit de hand met schreeuwen, meer niet", about=[v])
        self.summary_parts.append(f"harde woordenwisseling ({reason}), geen geweld")

    def push_without_injury(self, cast: casting.Cast) -> None:
        """A single push between adults, no injury, no threat, never before: a borderline
        case that the adults-only threshold decides (DOMAIN.md §2 ⚠)."""
        v, s = cast.victim, cast.suspect
        self.forms.append("partnergeweld")
        reason = self.rng.choice(self.c["aanleidingen"]).format(verdachte_kort=self.short(s))
        self.observe("zien", f"geen zichtbaar letsel bij {self.short(v)}; beiden zijn rustig", v)
        self.say(v, f"Tijdens {reason} duwde {self.short(s)} {self.pron(v)['haar']} weg; "
                    f"{self.pron(v)['zij']} is niet gevallen en heeft geen pijn.",
                 f"{'hij' if s.sex == 'M' else 'ze'} duwde me opzij, meer niet", about=[s])
        self.say(s, "Bevestigt de duw en zegt er spijt van te hebben.", "dat had ik niet moeten "
                    "doen", about=[v])
        self.summary_parts.append(f"tijdens {reason} duwde {self.short(s)} {self.short(v)} "
                                  f"weg; geen letsel")

    def physical_violence(self, cast: casting.Cast) -> None:
        v, s = cast.victim, cast.suspect
        form = self.d.form
        self.forms.append({
            "partnergeweld_met_kinderen": "partnergeweld",
            "partnergeweld_zonder_kinderen": "partnergeweld",
            "oudermishandeling": "oudermishandeling",
            "kindermishandeling": "kindermishandeling",
        }[form])
        acts = self.c["handelingen"]
        if form == "kindermishandeling":
            acts = [a for a in acts if "keel" not in a["wat"]]
        n_acts = 1 if self.d.difficulty == "makkelijk" else self.rng.choice((1, 2))
        chosen = self.rng.sample(acts, n_acts)
        described, own_words = [], []
        for act in chosen:
            what = act["wat"].format(slachtoffer=self.short(v), **self.pron(v))
            described.append(what)
            own_words.append(act["wat"].format(slachtoffer=self.pron(v)["haar"], **self.pron(v)))
            kind, location, severity = self.rng.choice(act["letsel"])
            observed = self.d.role != "intake" or self.rng.random() < 0.5
            self.injuries.append(Injury(person_id=v.id, kind=kind, location=location,
                                        severity=severity, observed=observed))
            if observed:
                self.observe("zien", f"{kind} ({location}) bij {self.short(v)}", v)
            for key in act.get("risico", []):
                self.risk(key, s, what)
        if self.rng.random() < 0.35:
            obj = self.rng.choice(self.c["voorwerpen"])
            self.weapons.append(WeaponOrObject(kind=obj["wat"], use=obj["gebruik"], by_id=s.id))
            described.append(obj["gebruik"])
            if obj["wat"] in ("mes", "honkbalknuppel"):
                self.risk("wapen", s, obj["gebruik"])
            elif self.d.role == "noodhulp":
                self.observe("zien", f"een kapotte {obj['wat']} in de woning")
        threat_roll = self.rng.random()
        if threat_roll < 0.25 and form != "kindermishandeling":
            quote = self.rng.choice(self.c["dreigingen"]["doodsbedreiging"])
            self.threats.append(Threat(by_id=s.id, against_ids=[v.id], kind="doodsbedreiging",
                                       quote=quote))
            self.risk("doodsbedreiging", s, f'zei "{quote}"')
        elif threat_roll < 0.5:
            quote = self.rng.choice(self.c["dreigingen"]["bedreiging"])
            self.threats.append(Threat(by_id=s.id, against_ids=[v.id], kind="bedreiging",
                                       quote=quote))
            self.risk("bedreiging", s, f'zei "{quote}"')
        if form == "kindermishandeling":
            self.risk("geweld_tegen_kinderen", s, "geweld tegen een kind")
        if form.startswith("partnergeweld") and self.rng.random() < 0.3:
            self.risk("scheiding", v, f"{self.short(v)} wil uit elkaar")
        if form.startswith("partnergeweld") and self.rng.random() < 0.15:
            self.risk("controle_jaloezie", s, f"{self.short(s)} controleert de telefoon")
        reason = self.rng.choice(self.c["aanleidingen"]).format(verdachte_kort=self.short(s))
        verb, rest = described[0].split(" ", 1)
        # Dutch inversion after a fronted phrase: "Na een ruzie over geld sloeg Mark Sanne ...".
        self.summary_parts.append(
            " en ".join([f"na {reason} {verb} {self.short(s)} {rest}", *described[1:]]))
        speaker = v
        if v.minor and age_on(v.birth_date, self.day) < 6 and cast.carer is not None:
            speaker = cast.carer
        quote = self.threats[0].quote if self.threats else ""
        words = own_words if speaker is v else described
        victim_sid = self.say(
            speaker, f"{self.short(s)} {' en '.join(words)}.", quote, about=[s])
        denies = {"makkelijk": 0.3, "gemiddeld": 0.6, "moeilijk": 1.0}[self.d.difficulty]
        if self.rng.random() < denies and (not s.minor or age_on(s.birth_date, self.day) >= 12):
            denial = self.rng.choice(self.c["ontkenningen"]).format(slachtoffer_kort=self.short(v))
            self.say(s, denial[0].upper() + denial[1:] + ".", denial, about=[v],
                     contradicts=[victim_sid])
            self.risk("ontkenning", s, "ontkent of bagatelliseert")

    def stalking(self, cast: casting.Cast) -> None:
        v, s = cast.victim, cast.suspect
        self.forms += ["stalking", "ex_partnergeweld"]
        n = self.rng.choice((10, 20, 30, 40))
        self.observe("zien", f"op de telefoon van {self.short(v)} tientallen berichten per dag "
                             f"van {self.short(s)} (ongeveer {n} per dag)", v, s, indirect=True)
        kinds = ["bedreiging_kinderen"] if cast.children and self.rng.random() < 0.5 else [
            "bedreiging"]
        if self.rng.random() < 0.2:
            kinds = ["doodsbedreiging"]
        quote = self.rng.choice(self.c["dreigingen"][kinds[0]])
        self.threats.append(Threat(by_id=s.id, against_ids=[v.id] + [k.id for k in cast.children],
                                   kind=kinds[0], quote=quote))
        self.risk("stalking", s, f"wacht {self.pron(v)['haar']} op en stuurt dagelijks berichten")
        self.risk("scheiding", v, "recent uit elkaar")
        self.risk("bedreiging" if kinds[0] != "doodsbedreiging" else "doodsbedreiging", s,
                  f'schreef "{quote}"')
        where = ("bij de school van de kinderen" if cast.children
                 else f"bij {self.pron(v)['haar_bez']} werk")
        self.say(v, f"{self.short(s)} wacht bijna dagelijks {where} en stuurt tientallen "
                    f"berichten per dag.", quote, about=[s])
        self.summary_parts.append(f"{self.short(s)} belaagt {self.short(v)} sinds de scheiding "
                                  f"en bedreigt {self.pron(v)['haar']}")
        self.risk("angst_slachtoffer", v, "is bang")

    def neglect(self, cast: casting.Cast) -> None:
        parent, kid = cast.suspect, cast.children[0]
        self.forms.append("verwaarlozing")
        self.observe("zien", f"{self.short(kid)} is alleen thuis en huilt", kid)
        self.observe("zien", "de woning is vuil en de koelkast is leeg")
        self.risk("gebrek_basiszorg", parent, "kind alleen gelaten, geen eten in huis")
        if self.d.alcohol:
            self.observe("zien", "veel lege drankflessen in de woning")
            self.risk("middelengebruik_verzorger", parent,
                      f"{self.short(parent)} was onder invloed van alcohol")
        hours = self.rng.choice(("heel even", "een uurtje", "maar kort"))
        self.say(parent, f"Was naar eigen zeggen {hours} weg, bij een vriend of vriendin.",
                 f"ik was {hours} weg", about=[kid])
        if age_on(kid.birth_date, self.day) >= 3:
            self.say(kid, f"{self.short(kid)} zegt dat {self.role_word(parent, kid)} weg was.",
                     f"{self.role_word(parent, kid)} was weg", about=[parent])
        self.summary_parts.append(f"{self.short(kid)} ({age_on(kid.birth_date, self.day)}) is "
                                  f"alleen thuisgelaten zonder toezicht of eten")

    def elder_abuse(self, cast: casting.Cast) -> None:
        v, s = cast.victim, cast.suspect
        self.forms += ["ouderenmishandeling", "financiele_uitbuiting"]
        self.observe("zien", f"{self.short(v)} is mager en draagt vuile kleding", v)
        self.observe("zien", "de koelkast is bijna leeg")
        self.risk("afhankelijkheid", v, f"{self.short(v)} is afhankelijk van {self.short(s)}")
        threat = "ik krijg geen eten als ik zeur"
        quote = f"{self.short(s)} pakt mijn geld en {threat}"
        # The physical harm of the neglect and the threat to withhold food are asked for under
        # letsel en dreiging (as in canonical case HG-07).
        self.injuries.append(Injury(person_id=v.id, kind="mager", location="ondervoed",
                                    severity="middel", observed=True))
        self.threats.append(Threat(by_id=s.id, against_ids=[v.id], kind="bedreiging",
                                   quote=threat))
        self.say(v, f"{self.short(s)} beheert de bankpas en houdt geld en eten achter.", quote,
                 about=[s])
        self.say(s, f"Zegt dat {self.pron(s)['zij']} {self.pron(s)['haar_bez']} best doet.",
                 "ik doe mijn best", about=[v])
        self.risk("ontkenning", s, "bagatelliseert")
        self.summary_parts.append(f"{self.short(s)} beheert het geld van {self.short(v)} en "
                                  f"verwaarloost {self.pron(v)['haar']}")

    def institution_abuse(self, cast: casting.Cast) -> None:
        v, s = cast.victim, cast.suspect
        relative = next(p for p in cast.persons if "vertegenwoordiger" in p.roles)
        self.forms += ["geweld_in_zorginstelling", "ouderenmishandeling"]
        spot = self.rng.choice(("rond beide polsen", "op de bovenarmen", "op de onderarmen"))
        self.observe("zien", f"foto's van blauwe plekken {spot} bij {self.short(v)}", v,
                     indirect=True)
        self.injuries.append(Injury(person_id=v.id, kind="blauwe plekken", location=spot,
                                    severity="licht", observed=False))
        self.say(relative, f"{self.pron(relative)['haar_bez'].capitalize()} "
                           f"{('moeder' if v.sex == 'V' else 'vader')} zegt over "
                           f"een {s.occupation.split(' van ')[0]} dat die pijn doet, en is "
                           f"'s avonds angstig.", "die doet me pijn", about=[s, v])
        self.risk("afhankelijkheid", v, "woont in een verpleeghuis, heeft dementie")
        self.risk("angst_slachtoffer", v, "is 's avonds angstig")
        self.summary_parts.append(f"vermoeden dat een {s.occupation} {self.short(v)} pijn doet")

    def honour_based(self, cast: casting.Cast) -> None:
        v = cast.victim
        brother = next(p for p in cast.persons if "verdachte" in p.roles and p is not cast.suspect)
        self.forms.append("eergerelateerd_geweld")
        self.observe("zien", f"{self.short(v)} is angstig en huilt", v)
        quote = self.rng.choice(self.c["dreigingen"]["eer"])
        self.threats.append(Threat(by_id=brother.id, against_ids=[v.id], kind="eer", quote=quote))
        self.risk("eer_dreiging", brother, f'zei "{quote}"')
        self.risk("controle_jaloezie", cast.suspect, "telefoon afgepakt, mag niet meer naar buiten")
        self.say(v, "Haar familie ontdekte dat zij een vriend heeft; haar broer dreigde haar en "
                    "zij mag niet meer naar buiten behalve naar school.", quote,
                 about=[brother, cast.suspect])
        if self.rng.random() < 0.6:
            self.forms.append("huwelijksdwang_achterlating")
            self.threats.append(Threat(by_id=cast.suspect.id, against_ids=[v.id],
                                       kind="achterlating"))
            self.risk("achterlating_dreiging", cast.suspect,
                      "bang om in de vakantie naar het buitenland te worden gebracht")
            self.say(v, "Zij is bang dat zij in de zomervakantie naar het buitenland wordt "
                        "gebracht en daar moet blijven.", about=[cast.suspect])
        self.risk("angst_slachtoffer", v, "is bang")
        self.summary_parts.append(f"{self.short(v)} wordt door haar familie bedreigd en beperkt "
                                  f"na de ontdekking van een vriend")

    def children_situation(self, cast: casting.Cast) -> None:
        if not cast.children:
            return
        suspect_is_child = cast.suspect in cast.children
        places = self.c["kind_plekken"]
        absent_share = {"makkelijk": 0.0, "gemiddeld": 0.25, "moeilijk": 0.5}[self.d.difficulty]
        for kid in cast.children:
            if kid is cast.suspect or kid is cast.victim:
                # A child who is the victim or the offender was there by definition.
                present = True
                whereabouts = {
                    "verwaarlozing": "alleen thuis", "kindermishandeling": "thuis",
                    "eergerelateerd_geweld": "op school" if self.d.channel == "school" else "thuis",
                    "oudermishandeling": "thuis, was de pleger",
                }.get(self.d.form, "thuis")
                witnessed = "" if kid is cast.suspect else "was zelf slachtoffer"
            else:
                present = self.rng.random() >= absent_share
                spot = self.rng.choice(places["aanwezig" if present else "afwezig"])
                whereabouts = spot["waar"]
                witnessed = spot["gezien"].format(
                    verdachte_rol=self.role_word(cast.suspect, kid)
                    if cast.suspect and not suspect_is_child else "haar broer of zus",
                    slachtoffer_rol=self.role_word(cast.victim, kid) if cast.victim else "",
                    handeling_kort="pijn deed",
                ) if present and not self.no_violence else ""
            carer = self.carer_for(cast, kid)
            state = self.rng.choice(self.c["kind_toestand"]).format(
                verzorger_kort=self.short(carer) if isinstance(carer, Person) else "de tante")
            self.child_info.append(Child(
                person_id=kid.id, present=present, whereabouts=whereabouts,
                witnessed=witnessed, state=state if present else "",
                cared_for_by=carer.id if isinstance(carer, Person) else carer,
            ))
            if present and self.d.role == "noodhulp":
                self.observe("zien", f"{self.short(kid)} {state}", kid)
            if present and witnessed and kid is not cast.victim \
                    and age_on(kid.birth_date, self.day) >= 5 and self.d.difficulty != "moeilijk":
                told = f"{self.short(kid)} vertelt wat {self.pron(kid)['zij']} zag: {witnessed}."
                self.say(kid, told, about=[p for p in (cast.suspect,) if p])

    def carer_for(self, cast: casting.Cast, kid: Person) -> Person | str:
        if cast.carer is not None and cast.carer is not cast.suspect:
            return cast.carer
        parents = [p for p in cast.persons if "ouder" in p.roles and p is not cast.suspect
                   and p.address_id]
        if parents:
            return parents[0]
        return self.rng.choice(("tante (zus van de moeder)", "oma (moeder van de moeder)",
                                "pleeggezin via de crisisdienst"))

    def caller(self, cast: casting.Cast, ctx: casting.CastContext) -> Person | None:
        channel = self.d.channel
        if (channel in ("112", "0900-8844") and self.rng.random() < 0.6) \
                or channel == "wijkagent_signaal":
            neighbour = ctx.person(self.rng.choice("MV"), (25, 80), ctx.address("buren"),
                                   ["melder", "derde"])
            neighbour.bsn = ""
            ctx.relate(neighbour, cast.victim or cast.persons[0], "buur", False)
            return neighbour
        if channel in ("school", "zorgprofessional"):
            pro = ctx.person(self.rng.choice("MV"), (28, 62), None, ["melder", "derde"])
            pro.bsn = ""
            pro.occupation = "mentor van de school" if channel == "school" else "huisarts"
            ctx.relate(pro, cast.victim or cast.children[0],
                       "mentor" if channel == "school" else "zorgverlener", False)
            return pro
        reporter = next((p for p in cast.persons if "melder" in p.roles), None)
        if reporter:
            return reporter
        victim = cast.victim
        if victim is not None and age_on(victim.birth_date, self.day) >= 12:
            victim.roles.append("melder")
            return victim
        if cast.carer is not None:
            cast.carer.roles.append("melder")
            return cast.carer
        # A worried grandparent comes to the desk (e.g. about a neglected grandchild).
        kid = cast.children[0]
        grandparent = ctx.person(self.rng.choice("MV"), (58, 80), ctx.address(),
                                 ["melder", "familielid"])
        ctx.relate(grandparent, kid, "grootouder", False)
        return grandparent

    def involvement_summary(self, cast: casting.Cast, caller: Person | None) -> str:
        what = {
            "112": "belt 112", "0900-8844": "belt 0900-8844", "balie": "komt naar de balie",
            "aangifte_op_afspraak": "komt op afspraak aangifte doen",
            "wijkagent_signaal": "spreekt de wijkagent aan", "school": "belt de wijkagent",
            "zorgprofessional": "neemt contact op met de politie",
        }[self.d.channel]
        who = "Een melder" if caller is None else (
            f"{caller.full_name} ({caller.occupation})" if caller.occupation and
            "derde" in caller.roles else caller.full_name)
        if self.d.channel in ("112", "0900-8844"):
            return f"{who} {what} over geschreeuw en gestommel bij {cast.home.line()}."
        if cast.institution:
            return f"{who} {what} over zorgen om een bewoner van {cast.institution}."
        return f"{who} {what} over zorgen over de situatie op {cast.home.line()}."

    def officer(self, place: Place, start: dt.datetime) -> Officer:
        from generator import identifiers

        sex = self.rng.choice("MV")
        birth = self.fake.birth_date_aged(start.date(), 24, 60)
        first = self.fake.first_name_born(sex, birth.year)
        tussen, last = self.fake.dutch_surname()
        return Officer(
            role=self.d.role, name=f"{first[0]}. {f'{tussen} {last}'.strip()}",
            rank=self.rng.choice(RANKS[self.d.role]), eenheid=place.eenheid,
            basisteam=place.basisteam, phone=self.fake.mobile(),
            registration_number=identifiers.registration_number(self.rng, start.year),
        )

    def police_response(self, scenario: Scenario) -> None:
        cast, d = self.cast, self.d
        v, s = cast.victim, cast.suspect
        physical = bool(self.injuries) or bool(self.weapons)
        if s is not None and s.name_known and physical and d.role == "noodhulp" \
                and age_on(s.birth_date, self.day) >= 12 and self.rng.random() < 0.7:
            self.act("aanhouding", s, description=f"{self.short(s)} aangehouden voor mishandeling")
        if v is not None and not v.minor and physical and d.form != "geweld_zorginstelling":
            if self.rng.random() < 0.55:
                self.act("aangifte", v, description=f"{self.short(v)} deed aangifte")
            else:
                self.act("aangifte_geweigerd", v,
                         description=f"{self.short(v)} wil (nog) geen aangifte doen")
        if d.form == "ex_partner_stalking":
            self.act("aangifte", v, description="aangifte van belaging en bedreiging opgenomen")
            self.act("veiligheidsadvies", v, description="veiligheidsadvies gegeven")
        hv = decide_huisverbod(scenario)
        if hv.applies:
            names = [scenario.person(pid) for pid in hv.suspect_ids]
            self.act("rihg", *names, description="de hulpofficier van justitie nam de RiHG af")
            self.act("huisverbod", *names, days=10, description=(
                f"tijdelijk huisverbod van 10 dagen opgelegd aan "
                f"{', '.join(self.short(p) for p in names)}"))
        if scenario.children:
            # In the children's order, not a set's: a set of strings iterates differently in
            # every process, and the same seed must give the same scenario.
            carers = dict.fromkeys(c.cared_for_by for c in scenario.children)
            where = ", ".join(scenario.person(c).first_name if c.startswith("p") and
                              any(p.id == c for p in scenario.persons) else c for c in carers)
            self.act("opvang_kinderen", *[scenario.person(c.person_id) for c in scenario.children],
                     description=f"de kinderen blijven bij {where}")
        if d.form == "verwaarlozing":
            self.act("overleg", description="overleg met de crisisdienst jeugd")
        if d.form == "eergerelateerd_geweld":
            self.act("overleg", description="overleg met de aandachtsvelder eergerelateerd geweld "
                                            "en het LEC EGG")
        if d.form in ("ouderenmishandeling", "geweld_zorginstelling"):
            self.act("gesprek", v, description=f"gesprek met {self.short(v)} alleen"
                     if d.form == "ouderenmishandeling" else "de foto's zijn vastgelegd")
        if self.no_violence:
            self.act("gesprek", v, s, description="gesprek en uitleg waar zij terecht kunnen")
            self.act("registratie", description="voorval geregistreerd")
        scenario.actions = self.actions
        fired = compute_signals(scenario)
        informing = decide_informing(scenario, decide_melding(scenario, fired)[0], fired)
        for pid in informing.inform:
            scenario.informed.append(Informed(
                person_id=pid, informed=True,
                how=self.rng.choice(("ter plaatse verteld", "persoonlijk verteld",
                                     "telefonisch verteld")),
                reaction=self.rng.choice(("begrijpt het", "is boos", "reageert rustig",
                                          "is opgelucht", "zegt niets")),
            ))
        for w in informing.withheld:
            scenario.informed.append(Informed(person_id=w.person_id, informed=False,
                                              reason_not=w.reason))

    def add_noise(self, scenario: Scenario, caller: Person | None) -> None:
        n = {"makkelijk": 1, "gemiddeld": 2, "moeilijk": 3}[self.d.difficulty]
        n += self.rng.choice((0, 0, 1))
        pool = self.c["ruis"]
        if caller is not None and "derde" in caller.roles:
            self.noise.append(NotForVt(
                id="n1", kind="derde_persoonsgegevens",
                text=f"naam en telefoonnummer van de melder ({caller.full_name}, {caller.phone})",
                surface_forms=[caller.full_name, caller.surname, caller.phone,
                               caller.phone.replace("-", "")][: 4 if caller.phone else 2],
            ))
        subject = self.cast.suspect if self.cast.suspect and self.cast.suspect.name_known \
            else self.cast.victim
        kinds = [k for k in pool if k != "schoolresultaten" or self.cast.children]
        self.rng.shuffle(kinds)
        for kind in kinds:
            if len(self.noise) >= n:
                break
            item = self.rng.choice(pool[kind])
            who = self.rng.choice(self.cast.children) if kind == "schoolresultaten" else subject
            values = {"naam": self.short(who),
                      "jaar": self.day.year - self.rng.randint(3, 12),
                      "bedrijf": self.rng.choice(self.c["bedrijven"])}
            self.noise.append(NotForVt(
                id=f"n{len(self.noise) + 1}", kind=kind, text=item["tekst"].format(**values),
                surface_forms=[f.format(**values) for f in item["vormen"]],
            ))
        scenario.not_for_vt = self.noise
