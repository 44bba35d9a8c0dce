//! Applies the rows of an input onto a copy of the current catalogue: creates or updates the
//! items the file holds (columns the file lacks leave fields as they were), removes what it
//! marks `Ta bort`, and records where each value came from so that a broken reference found
//! afterwards is reported at the cell that made it.

use std::collections::{BTreeMap, HashMap};

use crate::domain::{
    AccessRights, Binding, Catalog, Code, Codebook, Collection, DataType, HealthCategory, Id,
    ItemKey, ItemKind, Lang, Obligation, OrgNr, Organisation, ProblemArea, PublisherType, Role,
    Status, Step, TermError, UseCase, Variable, slugify, sort_codes,
};

use super::report::{Location, Problem};
use super::rows::{
    ParsedSheet, RowView, check_email, check_url, parse_date, parse_yes_no, split_list,
};
use super::spec::SheetKind;

mod codes;

pub struct Merger {
    pub catalog: Catalog,
    pub problems: Vec<Problem>,
    /// Items the input defines, with where.
    pub touched: BTreeMap<ItemKey, Location>,
    /// Items the input removes, with where.
    pub removed: BTreeMap<ItemKey, Location>,
    /// Where a reference (item, field) was written, for reporting a dangling one.
    provenance: HashMap<(ItemKey, String), Location>,
    /// Codebooks whose codes the input lists (their codes are replaced by the listed ones).
    codes_given: BTreeMap<Id, Vec<codes::Given>>,
    /// Use cases whose steps the input lists.
    steps_given: BTreeMap<Id, Vec<(u32, Step, Location)>>,
}

fn key(kind: ItemKind, id: impl ToString) -> ItemKey {
    ItemKey {
        kind,
        id: id.to_string(),
    }
}

impl Merger {
    pub fn new(current: &Catalog) -> Self {
        Self {
            catalog: current.clone(),
            problems: Vec::new(),
            touched: BTreeMap::new(),
            removed: BTreeMap::new(),
            provenance: HashMap::new(),
            codes_given: BTreeMap::new(),
            steps_given: BTreeMap::new(),
        }
    }

    fn problem(&mut self, p: Problem) {
        self.problems.push(p);
    }

    /// Applies the sheets in dependency order.
    pub fn apply_sheets(&mut self, sheets: &[ParsedSheet<'_>]) {
        let order = [
            SheetKind::Organisations,
            SheetKind::Collections,
            SheetKind::ProblemAreas,
            SheetKind::Codebooks,
            SheetKind::Codes,
            SheetKind::Variables,
            SheetKind::UseCases,
            SheetKind::Steps,
            SheetKind::Bindings,
        ];
        for kind in order {
            for sheet in sheets.iter().filter(|s| s.kind == kind) {
                for row in &sheet.rows {
                    match kind {
                        SheetKind::Organisations => self.organisation(row),
                        SheetKind::Collections => self.collection(row),
                        SheetKind::ProblemAreas => self.problem_area(row),
                        SheetKind::Codebooks => self.codebook(row),
                        SheetKind::Codes => self.code(row),
                        SheetKind::Variables => self.variable(row),
                        SheetKind::UseCases => self.use_case(row),
                        SheetKind::Steps => self.step(row),
                        SheetKind::Bindings => self.binding(row),
                    }
                }
            }
        }
    }

    /// Adds a whole codebook read from an RDF file.
    pub fn add_codebook(&mut self, cb: Codebook, loc: Location) {
        let k = key(ItemKind::Codebook, &cb.id);
        if !self.first(&k, &loc) {
            return;
        }
        if cb.publisher.is_some() {
            self.provenance.insert((k.clone(), "publisher".into()), loc);
        }
        self.catalog.codebooks.insert(cb.id.clone(), cb);
    }

    /// Records the item as defined here; reports a second definition in the same input.
    fn first(&mut self, k: &ItemKey, loc: &Location) -> bool {
        if let Some(prev) = self.touched.get(k).or_else(|| self.removed.get(k)) {
            let msg = format!("{k} is defined twice in this input (first at {prev})");
            self.problem(Problem {
                location: loc.clone(),
                message: msg,
            });
            return false;
        }
        self.touched.insert(k.clone(), loc.clone());
        true
    }

    /// Handles `Ta bort`; returns true when the row removes its item.
    fn removes(&mut self, row: &RowView<'_>, k: &ItemKey) -> bool {
        match parse_yes_no(row.get("remove")) {
            Ok(false) => false,
            Ok(true) => {
                self.touched.remove(k);
                self.removed.insert(k.clone(), row.loc("remove"));
                true
            }
            Err(e) => {
                self.problem(row.problem("remove", e));
                true
            }
        }
    }

    fn id(&mut self, row: &RowView<'_>, field: &str) -> Option<Id> {
        match Id::parse(row.get(field)) {
            Ok(id) => Some(id),
            Err(e) => {
                self.problem(row.problem(field, e.to_string()));
                None
            }
        }
    }

    fn set_text(&mut self, row: &RowView<'_>, field: &str, target: &mut String, required: bool) {
        if !row.has(field) {
            return;
        }
        let v = row.get(field);
        if required && v.is_empty() {
            self.problem(row.problem(field, "is required"));
        }
        *target = v.to_owned();
    }

    fn set_lang(
        &mut self,
        row: &RowView<'_>,
        sv: &str,
        en: &str,
        target: &mut Lang,
        required: bool,
    ) {
        self.set_text(row, sv, &mut target.sv, required);
        self.set_text(row, en, &mut target.en, false);
    }

    fn term<T>(
        &mut self,
        row: &RowView<'_>,
        field: &str,
        parse: fn(&str) -> Result<T, TermError>,
    ) -> Option<Option<T>> {
        if !row.has(field) {
            return None;
        }
        let v = row.get(field);
        if v.is_empty() {
            return Some(None);
        }
        match parse(v) {
            Ok(t) => Some(Some(t)),
            Err(e) => {
                self.problem(row.problem(field, e.to_string()));
                None
            }
        }
    }

    /// A `;`-separated list of terms (sorted, without repeats); every bad one is reported.
    /// `None` when the column is absent or a term is bad.
    fn terms<T: Ord>(
        &mut self,
        row: &RowView<'_>,
        field: &str,
        parse: fn(&str) -> Result<T, TermError>,
    ) -> Option<Vec<T>> {
        if !row.has(field) {
            return None;
        }
        let mut list = Vec::new();
        let mut bad = false;
        for part in row
            .get(field)
            .split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            match parse(part) {
                Ok(t) => list.push(t),
                Err(e) => {
                    self.problem(row.problem(field, e.to_string()));
                    bad = true;
                }
            }
        }
        list.sort();
        list.dedup();
        (!bad).then_some(list)
    }

    fn status(&mut self, row: &RowView<'_>, target: &mut Status) {
        if let Some(s) = self.term(row, "status", Status::parse) {
            *target = s.unwrap_or(Status::Standard);
        }
    }

    /// A list of identifiers (sorted, without repeats), each recorded as a reference
    /// `{what}:{id}` of `from` for the check after merging. `None` when the column is absent.
    fn id_list(
        &mut self,
        row: &RowView<'_>,
        field: &str,
        from: &ItemKey,
        what: &str,
    ) -> Option<Vec<Id>> {
        if !row.has(field) {
            return None;
        }
        let mut ids = Vec::new();
        for part in split_list(row.get(field)) {
            match Id::parse(part) {
                Ok(id) => {
                    self.provenance
                        .insert((from.clone(), format!("{what}:{id}")), row.loc(field));
                    ids.push(id);
                }
                Err(e) => self.problem(row.problem(field, e.to_string())),
            }
        }
        ids.sort();
        ids.dedup();
        Some(ids)
    }

    /// An organisation reference; recorded for the check after merging.
    fn org_ref(
        &mut self,
        row: &RowView<'_>,
        field: &str,
        from: &ItemKey,
        target: &mut Option<OrgNr>,
        required: bool,
    ) {
        if !row.has(field) {
            return;
        }
        let v = row.get(field);
        if v.is_empty() {
            if required {
                self.problem(row.problem(field, "is required (an organisationsnummer)"));
            }
            *target = None;
            return;
        }
        match OrgNr::parse(v) {
            Ok(o) => {
                self.provenance
                    .insert((from.clone(), field.to_owned()), row.loc(field));
                *target = Some(o);
            }
            Err(e) => self.problem(row.problem(field, e.to_string())),
        }
    }

    fn organisation(&mut self, row: &RowView<'_>) {
        let orgnr = match OrgNr::parse(row.get("orgnr")) {
            Ok(o) => o,
            Err(e) => return self.problem(row.problem("orgnr", e.to_string())),
        };
        let k = key(ItemKind::Organisation, &orgnr);
        if !self.first(&k, &row.loc("orgnr")) || self.removes(row, &k) {
            return;
        }
        let mut o = self
            .catalog
            .organisations
            .get(&orgnr)
            .cloned()
            .unwrap_or(Organisation {
                orgnr: orgnr.clone(),
                name: Lang::default(),
                publisher_type: PublisherType::NationalAuthority,
                homepage: String::new(),
                email: String::new(),
            });
        self.set_lang(row, "name", "name_en", &mut o.name, true);
        if let Some(Some(t)) = self.term(row, "type", PublisherType::parse) {
            o.publisher_type = t;
        } else if row.get("type").is_empty() {
            self.problem(row.problem(
                "type",
                "is required (an ADMS publisher type such as RegionalAuthority)",
            ));
        }
        self.url(row, "homepage", &mut o.homepage);
        self.email(row, "email", &mut o.email, false);
        self.catalog.organisations.insert(orgnr, o);
    }

    fn url(&mut self, row: &RowView<'_>, field: &str, target: &mut String) {
        if !row.has(field) {
            return;
        }
        match row.get(field) {
            "" => target.clear(),
            v => match check_url(v) {
                Ok(u) => *target = u,
                Err(e) => self.problem(row.problem(field, e)),
            },
        }
    }

    fn email(&mut self, row: &RowView<'_>, field: &str, target: &mut String, required: bool) {
        if !row.has(field) {
            return;
        }
        match row.get(field) {
            "" if required => self.problem(row.problem(field, "is required (an e-mail address)")),
            "" => target.clear(),
            v => match check_email(v) {
                Ok(u) => *target = u,
                Err(e) => self.problem(row.problem(field, e)),
            },
        }
    }

    fn collection(&mut self, row: &RowView<'_>) {
        let Some(id) = self.id(row, "id") else { return };
        let k = key(ItemKind::Collection, &id);
        if !self.first(&k, &row.loc("id")) || self.removes(row, &k) {
            return;
        }
        let existing = self.catalog.collections.get(&id).cloned();
        let mut publisher = existing.as_ref().map(|c| c.publisher.clone());
        self.org_ref(row, "publisher", &k, &mut publisher, true);
        let Some(publisher) = publisher else { return }; // reported by org_ref
        let mut c = existing.unwrap_or(Collection {
            id: id.clone(),
            title: Lang::default(),
            description: Lang::default(),
            publisher: publisher.clone(),
            contact_email: String::new(),
            access: AccessRights::Restricted,
            frequency: None,
            landing_page: String::new(),
            health_categories: Vec::new(),
            hdab: None,
        });
        c.publisher = publisher;
        self.set_lang(row, "title", "title_en", &mut c.title, true);
        self.set_lang(
            row,
            "description",
            "description_en",
            &mut c.description,
            true,
        );
        self.email(row, "contact", &mut c.contact_email, true);
        match self.term(row, "access", AccessRights::parse) {
            Some(Some(a)) => c.access = a,
            Some(None) => self.problem(row.problem(
                "access",
                "is required: offentlig, begränsad or ej offentlig",
            )),
            None => {}
        }
        if let Some(f) = self.term(row, "frequency", crate::domain::Frequency::parse) {
            c.frequency = f;
        }
        self.url(row, "landing_page", &mut c.landing_page);
        if let Some(list) = self.terms(row, "health_categories", HealthCategory::parse) {
            c.health_categories = list;
        }
        self.org_ref(row, "hdab", &k, &mut c.hdab, false);
        self.catalog.collections.insert(id, c);
    }

    fn problem_area(&mut self, row: &RowView<'_>) {
        let Some(id) = self.id(row, "id") else { return };
        let k = key(ItemKind::ProblemArea, &id);
        if !self.first(&k, &row.loc("id")) || self.removes(row, &k) {
            return;
        }
        let mut p = self
            .catalog
            .problem_areas
            .get(&id)
            .cloned()
            .unwrap_or(ProblemArea {
                id: id.clone(),
                label: Lang::default(),
                description: Lang::default(),
            });
        self.set_lang(row, "label", "label_en", &mut p.label, true);
        self.set_lang(
            row,
            "description",
            "description_en",
            &mut p.description,
            false,
        );
        self.catalog.problem_areas.insert(id, p);
    }

    fn codebook(&mut self, row: &RowView<'_>) {
        let Some(id) = self.id(row, "id") else { return };
        let k = key(ItemKind::Codebook, &id);
        if !self.first(&k, &row.loc("id")) || self.removes(row, &k) {
            return;
        }
        let mut c = self
            .catalog
            .codebooks
            .get(&id)
            .cloned()
            .unwrap_or_else(|| empty_codebook(id.clone()));
        self.set_lang(row, "title", "title_en", &mut c.title, true);
        self.set_lang(
            row,
            "description",
            "description_en",
            &mut c.description,
            false,
        );
        self.set_text(row, "version", &mut c.version, false);
        self.set_text(row, "source", &mut c.source, false);
        self.org_ref(row, "publisher", &k, &mut c.publisher, false);
        self.status(row, &mut c.status);
        self.catalog.codebooks.insert(id, c);
    }

    fn code(&mut self, row: &RowView<'_>) {
        let Some(cb) = self.id(row, "codebook") else {
            return;
        };
        let notation = row.get("notation");
        if notation.is_empty() {
            return self.problem(row.problem("notation", "is required"));
        }
        if let Err(e) = super::text::check_notation(notation) {
            return self.problem(row.problem("notation", e));
        }
        let mut code = Code {
            notation: notation.to_owned(),
            label: Lang::default(),
            definition: Lang::default(),
            broader: None,
        };
        self.set_lang(row, "label", "label_en", &mut code.label, true);
        self.set_lang(
            row,
            "definition",
            "definition_en",
            &mut code.definition,
            false,
        );
        let b = row.get("broader");
        if !b.is_empty() {
            code.broader = Some(b.to_owned());
        }
        self.codes_given.entry(cb).or_default().push(codes::Given {
            code,
            at: row.loc("notation"),
            broader_at: row.loc("broader"),
        });
    }

    fn variable(&mut self, row: &RowView<'_>) {
        let raw_id = row.get("id");
        let derived = if raw_id.is_empty() {
            let from = if row.get("short_name").is_empty() {
                row.get("name")
            } else {
                row.get("short_name")
            };
            slugify(from)
        } else {
            raw_id.to_owned()
        };
        let id = match Id::parse(&derived) {
            Ok(id) => id,
            Err(e) => {
                let field = if raw_id.is_empty() { "name" } else { "id" };
                return self.problem(row.problem(field, format!("cannot make an identifier: {e}")));
            }
        };
        let k = key(ItemKind::Variable, &id);
        let id_field = if row.has("id") { "id" } else { "name" };
        if !self.first(&k, &row.loc(id_field)) || self.removes(row, &k) {
            return;
        }
        let mut v = self
            .catalog
            .variables
            .get(&id)
            .cloned()
            .unwrap_or_else(|| Variable::new(id.clone(), Lang::default(), Lang::default()));
        self.set_text(row, "short_name", &mut v.short_name, false);
        self.set_lang(row, "name", "name_en", &mut v.name, true);
        self.set_lang(row, "definition", "definition_en", &mut v.definition, true);
        if let Some(d) = self.term(row, "datatype", DataType::parse) {
            v.datatype = d;
        }
        self.set_text(row, "format", &mut v.format, false);
        self.set_text(row, "unit", &mut v.unit, false);
        if row.has("value_domain") {
            v.codebook = self.value_domain(row, &v);
        }
        self.set_text(row, "min", &mut v.min, false);
        self.set_text(row, "max", &mut v.max, false);
        self.set_text(row, "pattern", &mut v.pattern, false);
        if let Some(o) = self.term(row, "obligation", Obligation::parse) {
            v.obligation = o;
        }
        self.org_ref(row, "owner", &k, &mut v.owner, false);
        if let Some(ids) = self.id_list(row, "collections", &k, "collection") {
            v.collections = ids;
        }
        if row.has("based_on") {
            v.based_on = match row.get("based_on") {
                "" => None,
                b => match Id::parse(b) {
                    Ok(b) if b == id => {
                        self.problem(
                            row.problem("based_on", "a variable cannot be based on itself"),
                        );
                        None
                    }
                    Ok(b) => {
                        self.provenance
                            .insert((k.clone(), "based_on".into()), row.loc("based_on"));
                        Some(b)
                    }
                    Err(e) => {
                        self.problem(row.problem("based_on", e.to_string()));
                        None
                    }
                },
            };
        }
        self.set_text(row, "version", &mut v.version, false);
        self.status(row, &mut v.status);
        for (field, target) in [
            ("valid_from", &mut v.valid_from),
            ("valid_to", &mut v.valid_to),
        ] {
            if row.has(field) {
                match row.get(field) {
                    "" => target.clear(),
                    d => match parse_date(d) {
                        Ok(d) => *target = d,
                        Err(e) => self.problems.push(row.problem(field, e)),
                    },
                }
            }
        }
        if !v.valid_from.is_empty() && !v.valid_to.is_empty() && v.valid_to < v.valid_from {
            self.problem(row.problem(
                "valid_to",
                format!("ends ({}) before it starts ({})", v.valid_to, v.valid_from),
            ));
        }
        self.set_text(row, "in_out", &mut v.in_out_note, false);
        self.set_text(row, "transformation", &mut v.transformation, false);
        self.set_text(row, "aggregation", &mut v.aggregation, false);
        self.set_lang(row, "note", "note_en", &mut v.note, false);
        self.check_range(row, &v);
        self.catalog.variables.insert(id, v);
    }

    /// `Värdemängd`: a codebook identifier, or an inline value set (`1=Man;2=Kvinna`) that
    /// becomes the codebook `<variable>-varden`.
    fn value_domain(&mut self, row: &RowView<'_>, v: &Variable) -> Option<Id> {
        let cell = row.get("value_domain");
        if cell.is_empty() {
            return None;
        }
        let k = key(ItemKind::Variable, &v.id);
        if !cell.contains('=') {
            return match Id::parse(cell) {
                Ok(cb) => {
                    self.provenance
                        .insert((k, "codebook".into()), row.loc("value_domain"));
                    Some(cb)
                }
                Err(e) => {
                    self.problem(row.problem(
                        "value_domain",
                        format!("{e} (or write an inline value set: 1=Man;2=Kvinna)"),
                    ));
                    None
                }
            };
        }
        let mut codes = Vec::new();
        for part in split_list(cell) {
            let Some((notation, label)) = part.split_once('=') else {
                self.problem(row.problem(
                    "value_domain",
                    format!("{part:?} is not of the form kod=benämning"),
                ));
                return None;
            };
            let (notation, label) = (notation.trim(), label.trim());
            if notation.is_empty() || label.is_empty() {
                self.problem(
                    row.problem("value_domain", format!("{part:?} lacks a code or a label")),
                );
                return None;
            }
            if let Err(e) = super::text::check_notation(notation) {
                self.problem(row.problem("value_domain", e));
                return None;
            }
            if codes.iter().any(|c: &Code| c.notation == notation) {
                self.problem(row.problem("value_domain", format!("code {notation} appears twice")));
                return None;
            }
            codes.push(Code {
                notation: notation.to_owned(),
                label: Lang::new(label, ""),
                definition: Lang::default(),
                broader: None,
            });
        }
        let cb_id = match Id::parse(&format!("{}-varden", v.id)) {
            Ok(i) => i,
            Err(e) => {
                self.problem(row.problem("value_domain", e.to_string()));
                return None;
            }
        };
        sort_codes(&mut codes);
        let mut cb = empty_codebook(cb_id.clone());
        cb.title = inline_title(v);
        cb.description = inline_description(v);
        cb.status = v.status;
        cb.codes = codes;
        let ck = key(ItemKind::Codebook, &cb_id);
        if self.first(&ck, &row.loc("value_domain")) {
            self.catalog.codebooks.insert(cb_id.clone(), cb);
        }
        Some(cb_id)
    }

    /// Min and max must be numbers for numeric types and dates for date types.
    fn check_range(&mut self, row: &RowView<'_>, v: &Variable) {
        for (field, value) in [("min", &v.min), ("max", &v.max)] {
            if value.is_empty() || !row.has(field) {
                continue;
            }
            let ok = match v.datatype {
                Some(DataType::Integer) => value.parse::<i64>().is_ok(),
                Some(DataType::Decimal) => value.replace(',', ".").parse::<f64>().is_ok(),
                Some(DataType::Date) => parse_date(value).is_ok(),
                _ => true,
            };
            if !ok {
                let t = v.datatype.map(|d| d.as_str()).unwrap_or("text");
                self.problem(row.problem(
                    field,
                    format!("{value:?} is not a value of the data type {t}"),
                ));
            }
        }
        if v.datatype == Some(DataType::Code) && v.codebook.is_none() && v.based_on.is_none() {
            self.problem(row.problem(
                "datatype",
                "data type kod needs a Värdemängd (a codebook or an inline value set)",
            ));
        }
    }

    fn use_case(&mut self, row: &RowView<'_>) {
        let Some(id) = self.id(row, "id") else { return };
        let k = key(ItemKind::UseCase, &id);
        if !self.first(&k, &row.loc("id")) || self.removes(row, &k) {
            return;
        }
        let mut u = self.catalog.use_cases.get(&id).cloned().unwrap_or(UseCase {
            id: id.clone(),
            short_name: String::new(),
            title: Lang::default(),
            description: Lang::default(),
            problem_areas: Vec::new(),
            status: Status::Standard,
            steps: Vec::new(),
            bindings: Vec::new(),
            problem_areas_source: String::new(),
        });
        self.set_text(row, "short_name", &mut u.short_name, false);
        self.set_lang(row, "title", "title_en", &mut u.title, true);
        self.set_lang(
            row,
            "description",
            "description_en",
            &mut u.description,
            false,
        );
        if let Some(ids) = self.id_list(row, "problem_areas", &k, "problem_area") {
            u.problem_areas = ids;
        }
        self.status(row, &mut u.status);
        self.set_text(
            row,
            "problem_areas_source",
            &mut u.problem_areas_source,
            false,
        );
        self.catalog.use_cases.insert(id, u);
    }

    fn step(&mut self, row: &RowView<'_>) {
        let Some(uc) = self.id(row, "use_case") else {
            return;
        };
        let n = match row.get("number").parse::<u32>() {
            Ok(n) if n >= 1 => n,
            _ => {
                return self.problem(row.problem(
                    "number",
                    format!("{:?} is not a step number (1, 2, 3 …)", row.get("number")),
                ));
            }
        };
        let mut step = Step {
            description: Lang::default(),
        };
        self.set_lang(
            row,
            "description",
            "description_en",
            &mut step.description,
            true,
        );
        self.steps_given
            .entry(uc)
            .or_default()
            .push((n, step, row.loc("number")));
    }

    fn binding(&mut self, row: &RowView<'_>) {
        let (Some(uc), Some(var)) = (self.id(row, "use_case"), self.id(row, "variable")) else {
            return;
        };
        let uk = key(ItemKind::UseCase, &uc);
        let Some(u) = self.catalog.use_cases.get(&uc) else {
            return self.problem(row.problem(
                "use_case",
                format!("no use case {uc} in this input or in the catalogue"),
            ));
        };
        let mut u = u.clone();
        let pk = (uk.clone(), format!("binding:{var}"));
        if let Some(prev) = self.provenance.get(&pk) {
            let msg = format!("the binding {uc} → {var} appears twice (first at {prev})");
            return self.problem(row.problem("variable", msg));
        }
        self.provenance.insert(pk, row.loc("variable"));
        self.touched
            .entry(uk)
            .or_insert_with(|| row.loc("use_case"));
        let remove = match parse_yes_no(row.get("remove")) {
            Ok(r) => r,
            Err(e) => return self.problem(row.problem("remove", e)),
        };
        // A sheet without the source column keeps the binding's source.
        let kept_source = u
            .bindings
            .iter()
            .find(|b| b.variable == var)
            .map(|b| b.source.clone())
            .unwrap_or_default();
        u.bindings.retain(|b| b.variable != var);
        if !remove {
            let role = match Role::parse(row.get("role")) {
                Ok(r) => r,
                Err(e) => return self.problem(row.problem("role", e.to_string())),
            };
            let priority = match row.get("priority") {
                "" => None,
                p => match p.parse::<u8>() {
                    Ok(n @ 1..=5) => Some(n),
                    _ => {
                        return self.problem(
                            row.problem("priority", format!("{p:?} is not a priority from 1 to 5")),
                        );
                    }
                },
            };
            let quick_win = match parse_yes_no(row.get("quick_win")) {
                Ok(q) => q,
                Err(e) => return self.problem(row.problem("quick_win", e)),
            };
            let source = if row.has("source") {
                row.get("source").to_owned()
            } else {
                kept_source
            };
            u.bindings.push(Binding {
                variable: var,
                role,
                priority,
                quick_win,
                source,
            });
            u.bindings.sort_by(|a, b| a.variable.cmp(&b.variable));
        }
        self.catalog.use_cases.insert(uc, u);
    }

    /// Puts the listed codes and steps in place, then removes what was marked for removal.
    pub fn finish_lists(&mut self) {
        for (cb, codes) in std::mem::take(&mut self.codes_given) {
            let first_loc = codes.first().map(|g| g.at.clone());
            let Some(book) = self.catalog.codebooks.get_mut(&cb) else {
                if let Some(loc) = first_loc {
                    self.problems.push(Problem {
                        location: loc,
                        message: format!("no codebook {cb} in this input or in the catalogue (add it to the sheet kodverk)"),
                    });
                }
                continue;
            };
            let (codes, problems) = codes::checked(&cb, codes);
            book.codes = codes;
            let k = key(ItemKind::Codebook, &cb);
            if let Some(loc) = first_loc {
                self.touched.entry(k).or_insert(loc);
            }
            self.problems.extend(problems);
        }
        for (uc, mut steps) in std::mem::take(&mut self.steps_given) {
            steps.sort_by_key(|(n, _, _)| *n);
            let expected: Vec<u32> = (1..=u32::try_from(steps.len()).unwrap_or(u32::MAX)).collect();
            let got: Vec<u32> = steps.iter().map(|(n, _, _)| *n).collect();
            if got != expected {
                if let Some((_, _, loc)) = steps.first() {
                    let msg = format!(
                        "the steps of {uc} are numbered {got:?}; number them 1, 2, 3 … without gaps or repeats"
                    );
                    self.problems.push(Problem {
                        location: loc.clone(),
                        message: msg,
                    });
                }
                continue;
            }
            let Some(u) = self.catalog.use_cases.get_mut(&uc) else {
                if let Some((_, _, loc)) = steps.first() {
                    self.problems.push(Problem {
                        location: loc.clone(),
                        message: format!("no use case {uc} in this input or in the catalogue"),
                    });
                }
                continue;
            };
            let first_loc = steps.first().map(|(_, _, l)| l.clone());
            u.steps = steps.into_iter().map(|(_, s, _)| s).collect();
            if let Some(loc) = first_loc {
                self.touched
                    .entry(key(ItemKind::UseCase, &uc))
                    .or_insert(loc);
            }
        }
        let removed: Vec<ItemKey> = self.removed.keys().cloned().collect();
        for k in removed {
            remove_item(&mut self.catalog, &k);
        }
    }

    /// Every reference in the merged catalogue must resolve; a dangling one is reported where
    /// it was written, or where its target was removed.
    pub fn check_references(&mut self) {
        for (from, field, target) in references(&self.catalog) {
            if self.catalog.contains(&target) {
                continue;
            }
            let location = self
                .provenance
                .get(&(from.clone(), field.clone()))
                .or_else(|| self.removed.get(&target))
                .cloned()
                .unwrap_or(Location::File {
                    file: "catalogue".into(),
                });
            let message = if self.removed.contains_key(&target)
                && !self.provenance.contains_key(&(from.clone(), field.clone()))
            {
                format!("cannot remove {target}: {from} still refers to it")
            } else {
                format!("refers to {target}, which is neither in this input nor in the catalogue")
            };
            self.problems.push(Problem { location, message });
        }
    }
}

fn empty_codebook(id: Id) -> Codebook {
    Codebook {
        id,
        title: Lang::default(),
        description: Lang::default(),
        version: String::new(),
        source: String::new(),
        publisher: None,
        status: Status::Standard,
        codes: Vec::new(),
    }
}

pub(super) fn remove_item(cat: &mut Catalog, k: &ItemKey) {
    let id = Id::parse(&k.id).ok();
    match (k.kind, id) {
        (ItemKind::Organisation, _) => {
            if let Ok(o) = OrgNr::parse(&k.id) {
                cat.organisations.remove(&o);
            }
        }
        (ItemKind::Collection, Some(id)) => drop(cat.collections.remove(&id)),
        (ItemKind::ProblemArea, Some(id)) => drop(cat.problem_areas.remove(&id)),
        (ItemKind::Codebook, Some(id)) => drop(cat.codebooks.remove(&id)),
        (ItemKind::Variable, Some(id)) => drop(cat.variables.remove(&id)),
        (ItemKind::UseCase, Some(id)) => drop(cat.use_cases.remove(&id)),
        (_, None) => {}
    }
}

/// Every reference between items: (from, field, target).
pub fn references(cat: &Catalog) -> Vec<(ItemKey, String, ItemKey)> {
    let mut out = Vec::new();
    let org = |o: &OrgNr| key(ItemKind::Organisation, o);
    for c in cat.collections.values() {
        out.push((
            key(ItemKind::Collection, &c.id),
            "publisher".into(),
            org(&c.publisher),
        ));
        if let Some(h) = &c.hdab {
            out.push((key(ItemKind::Collection, &c.id), "hdab".into(), org(h)));
        }
    }
    for c in cat.codebooks.values() {
        if let Some(p) = &c.publisher {
            out.push((key(ItemKind::Codebook, &c.id), "publisher".into(), org(p)));
        }
    }
    for v in cat.variables.values() {
        let from = key(ItemKind::Variable, &v.id);
        if let Some(c) = &v.codebook {
            out.push((from.clone(), "codebook".into(), key(ItemKind::Codebook, c)));
        }
        if let Some(o) = &v.owner {
            out.push((from.clone(), "owner".into(), org(o)));
        }
        for c in &v.collections {
            out.push((
                from.clone(),
                format!("collection:{c}"),
                key(ItemKind::Collection, c),
            ));
        }
        if let Some(b) = &v.based_on {
            out.push((from.clone(), "based_on".into(), key(ItemKind::Variable, b)));
        }
    }
    for u in cat.use_cases.values() {
        let from = key(ItemKind::UseCase, &u.id);
        for p in &u.problem_areas {
            out.push((
                from.clone(),
                format!("problem_area:{p}"),
                key(ItemKind::ProblemArea, p),
            ));
        }
        for b in &u.bindings {
            out.push((
                from.clone(),
                format!("binding:{}", b.variable),
                key(ItemKind::Variable, &b.variable),
            ));
        }
    }
    out
}

/// The title of a variable's inline value set, in each language the variable's name has.
fn inline_title(v: &Variable) -> Lang {
    let en = if v.name.en.is_empty() {
        String::new()
    } else {
        format!("Value set of {}", v.name.en)
    };
    Lang::new(format!("Värdemängd för {}", v.name.best()), en)
}

/// What an inline value set is, and nothing more: where it comes from.
fn inline_description(v: &Variable) -> Lang {
    Lang::new(
        format!(
            "Värdemängden som anges direkt i specifikationen av variabeln {} ({}).",
            v.name.best(),
            v.id
        ),
        format!(
            "The value set given inline in the specification of the variable {} ({}).",
            if v.name.en.is_empty() {
                v.name.best()
            } else {
                &v.name.en
            },
            v.id
        ),
    )
}
