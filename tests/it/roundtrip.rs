//! Every kind of item survives domain → RDF → domain unchanged, with every field filled and
//! with only the required ones.

use varcat::domain::*;
use varcat::store::{CatalogStore, ChangeSet, Iris};

fn id(s: &str) -> Id {
    Id::parse(s).expect("valid id")
}

fn org(s: &str) -> OrgNr {
    OrgNr::parse(s).expect("valid orgnr")
}

/// Builds a variable with sensible defaults; tests set what they care about.
pub struct VariableBuilder(Variable);

impl VariableBuilder {
    pub fn new(short: &str) -> Self {
        let mut v = Variable::new(
            id(&slugify(short)),
            Lang::new(short, ""),
            Lang::new("Definition", ""),
        );
        v.short_name = short.to_owned();
        Self(v)
    }
    pub fn codebook(mut self, cb: &str) -> Self {
        self.0.codebook = Some(id(cb));
        self.0.datatype = Some(DataType::Code);
        self
    }
    pub fn build(self) -> Variable {
        self.0
    }
}

pub(crate) fn full_catalog() -> Catalog {
    let mut cat = Catalog::default();
    let skr = org("222000-0315");
    cat.organisations.insert(
        skr.clone(),
        Organisation {
            orgnr: skr.clone(),
            name: Lang::new(
                "Sveriges Kommuner och Regioner",
                "Swedish Association of Local Authorities and Regions",
            ),
            publisher_type: PublisherType::NonProfitOrganisation,
            homepage: "https://skr.se".into(),
            email: "info@skr.se".into(),
        },
    );
    let min_org = org("232100-0016");
    cat.organisations.insert(
        min_org.clone(),
        Organisation {
            orgnr: min_org,
            name: Lang::new("Region Stockholm", ""),
            publisher_type: PublisherType::RegionalAuthority,
            homepage: String::new(),
            email: String::new(),
        },
    );
    cat.collections.insert(
        id("vantetidsdatabasen"),
        Collection {
            id: id("vantetidsdatabasen"),
            title: Lang::new("Väntetidsdatabasen", "The waiting-times database"),
            description: Lang::new("Väntetider i vården", "Waiting times in care"),
            publisher: skr.clone(),
            contact_email: "vantetider@skr.se".into(),
            access: AccessRights::Restricted,
            frequency: Some(Frequency::Monthly),
            landing_page: "https://www.vantetider.se".into(),
            health_categories: vec![HealthCategory::NeedsAndResources],
            hdab: Some(OrgNr::parse("202100-0555").expect("orgnr")),
            harmonisation: Default::default(),
            meta: CollectionMeta {
                contact_name: Lang::new("Väntetidsenheten", "The waiting-times unit"),
                temporal: Period {
                    start: "2010".into(),
                    end: "2025-12-31".into(),
                },
                spatial: vec![Place::Country("SWE".into()), Place::Nuts("SE110".into())],
                issued: "2011-05-01".into(),
                keywords_sv: vec!["väntetider".into(), "vårdgaranti".into()],
                keywords_en: vec!["waiting times".into()],
                version: "2.1".into(),
                population: Lang::new("Patienter i regionernas vård", "Patients in regional care"),
                personal_data: vec![PersonalData::Age, PersonalData::Gender],
                legal_basis: Lang::new(
                    "HSL (2017:30) 9 kap. 3 §",
                    "Health and Medical Services Act",
                ),
                purpose: Lang::new(
                    "Uppföljning av vårdgarantin",
                    "Following up the care guarantee",
                ),
                retention: Period {
                    start: String::new(),
                    end: "2040".into(),
                },
                records: Some(0),
                individuals: Some(1_850_000),
            },
        },
    );
    cat.collections.insert(
        id("minimal"),
        Collection {
            id: id("minimal"),
            title: Lang::new("Minimal", ""),
            description: Lang::new("Bara det nödvändiga", ""),
            publisher: skr.clone(),
            contact_email: "a@b.se".into(),
            access: AccessRights::NonPublic,
            frequency: None,
            landing_page: String::new(),
            health_categories: Vec::new(),
            hdab: None,
            harmonisation: Default::default(),
            meta: Default::default(),
        },
    );
    cat.problem_areas.insert(
        id("p1"),
        ProblemArea {
            id: id("p1"),
            label: Lang::new("Överblick", "Overview"),
            description: Lang::new("Text", "Text"),
        },
    );
    cat.codebooks.insert(
        id("icd"),
        Codebook {
            id: id("icd"),
            title: Lang::new("ICD-urval", "ICD subset"),
            description: Lang::new("Urval", "Subset"),
            version: "2024".into(),
            source: "ICD-10-SE".into(),
            publisher: Some(skr.clone()),
            subset_of: None,
            subset_of_version: String::new(),
            selection: String::new(),
            status: Status::Candidate,
            codes: vec![
                Code {
                    notation: "S72".into(),
                    label: Lang::new("Fraktur på lårben", "Fracture of femur"),
                    definition: Lang::new("d", "d"),
                    broader: None,
                    mappings: Vec::new(),
                },
                Code {
                    notation: "S72.0".into(),
                    label: Lang::new("Fraktur på lårbenshalsen", ""),
                    definition: Lang::default(),
                    broader: Some("S72".into()),
                    mappings: Vec::new(),
                },
                Code {
                    notation: "S72 /x".into(),
                    label: Lang::new("Odd notation", ""),
                    definition: Lang::default(),
                    broader: Some("S72".into()),
                    mappings: Vec::new(),
                },
            ],
            registrations: Vec::new(),
        },
    );
    let mut full = VariableBuilder::new("INDATUM").codebook("icd").build();
    full.name = Lang::new("Indatum", "Admission date");
    full.definition = Lang::new("Datum för inskrivning", "Date of admission");
    full.format = "ÅÅÅÅ-MM-DD".into();
    full.unit = "dagar".into();
    full.min = "0".into();
    full.max = "365".into();
    full.pattern = "^[0-9]+$".into();
    full.obligation = Some(Obligation::Conditional);
    full.owner = Some(skr.clone());
    full.collections = vec![id("minimal"), id("vantetidsdatabasen")];
    full.based_on = Some(id("datum"));
    full.version = "1.2".into();
    full.status = Status::Superseded;
    full.valid_from = "2025-01-01".into();
    full.valid_to = "2026-12-31".into();
    full.in_out_note = "Indata per kontakt, utdata per månad".into();
    full.transformation = "Omräknad till dagar".into();
    full.aggregation = "Medelvärde per månad".into();
    full.note = Lang::new("Anmärkning", "Note");
    cat.variables.insert(full.id.clone(), full);
    let mut datum = Variable::new(
        id("datum"),
        Lang::new("Datum", ""),
        Lang::new("Ett datum", ""),
    );
    datum.datatype = Some(DataType::Date);
    cat.variables.insert(datum.id.clone(), datum);
    cat.use_cases.insert(
        id("vantetider"),
        UseCase {
            id: id("vantetider"),
            short_name: "B".into(),
            title: Lang::new("Väntetider", "Waiting times"),
            description: Lang::new("Jämförelse", "Comparison"),
            problem_areas: vec![id("p1")],
            status: Status::Standard,
            steps: vec![
                Step {
                    description: Lang::new("Första", "First"),
                },
                Step {
                    description: Lang::new("Andra", ""),
                },
            ],
            bindings: vec![
                Binding {
                    variable: id("datum"),
                    role: Role::Optional,
                    priority: None,
                    quick_win: false,
                    source: String::new(),
                    value_set: None,
                },
                Binding {
                    variable: id("indatum"),
                    role: Role::Required,
                    priority: Some(1),
                    quick_win: true,
                    source: "Slutrapporten, tabell 9".into(),
                    value_set: None,
                },
            ],
            problem_areas_source: "Slutrapporten, tabell 8".into(),
            harmonisation: Default::default(),
            registrations: Vec::new(),
        },
    );
    cat
}

#[test]
fn every_kind_round_trips_through_rdf() {
    let cat = full_catalog();
    let store =
        CatalogStore::in_memory(Iris::new("https://varcat.test").expect("base")).expect("store");
    let changes = ChangeSet {
        catalog: &cat,
        upserts: cat.keys(),
        removals: Vec::new(),
    };
    store
        .apply(&changes, "2026-11-25T12:00:00Z", &|| {})
        .expect("apply");
    let back = store.load_catalog().expect("load");
    assert_eq!(back.organisations, cat.organisations);
    assert_eq!(back.collections, cat.collections);
    assert_eq!(back.problem_areas, cat.problem_areas);
    assert_eq!(back.variables, cat.variables);
    assert_eq!(back.use_cases, cat.use_cases);
    let mut expected_codes = cat.codebooks.clone();
    expected_codes.replace_each(|_, c| {
        let mut c = c.clone();
        sort_codes(&mut c.codes);
        Some(c)
    });
    assert_eq!(back.codebooks, expected_codes);
    assert_eq!(
        back,
        Catalog {
            codebooks: expected_codes,
            ..cat
        }
    );
}

#[test]
fn removing_an_item_drops_its_graph() {
    let cat = full_catalog();
    let store =
        CatalogStore::in_memory(Iris::new("https://varcat.test").expect("base")).expect("store");
    store
        .apply(
            &ChangeSet {
                catalog: &cat,
                upserts: cat.keys(),
                removals: Vec::new(),
            },
            "2026-11-25T12:00:00Z",
            &|| {},
        )
        .expect("apply");
    let gone = ItemKey {
        kind: ItemKind::Collection,
        id: "minimal".into(),
    };
    store
        .apply(
            &ChangeSet {
                catalog: &cat,
                upserts: Vec::new(),
                removals: vec![gone],
            },
            "2026-11-25T12:00:01Z",
            &|| {},
        )
        .expect("remove");
    let back = store.load_catalog().expect("load");
    assert!(!back.collections.contains_key(&id("minimal")));
    assert_eq!(back.collections.len(), 1);
}
