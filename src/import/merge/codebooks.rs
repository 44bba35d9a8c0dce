//! The sheets of codebooks and their codes (the codes are checked together in `codes`).

use crate::domain::{Code, Codebook, Id, ItemKind, Lang, Status};
use crate::import::rows::RowView;

use super::{Merger, codes, key};

impl Merger {
    pub(super) fn codebook(&mut self, row: &RowView<'_>) {
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
        self.status(row, &k, &mut c.status);
        self.value_set_fields(row, &k, &mut c);
        self.catalog.codebooks.insert(id, c);
    }

    pub(super) fn code(&mut self, row: &RowView<'_>) {
        let cb = if row.has("codebook") {
            self.id(row, "codebook")
        } else {
            self.only_codebook(row)
        };
        let Some(cb) = cb else {
            return;
        };
        let notation = row.get("notation");
        if notation.is_empty() {
            return self.problem(row.problem("notation", "is required"));
        }
        if let Err(e) = crate::import::text::check_notation(notation) {
            return self.problem(row.problem("notation", e));
        }
        let mut code = Code {
            notation: notation.to_owned(),
            label: Lang::default(),
            definition: Lang::default(),
            broader: None,
            mappings: Vec::new(),
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
}

pub(super) fn empty_codebook(id: Id) -> Codebook {
    Codebook {
        id,
        title: Lang::default(),
        description: Lang::default(),
        version: String::new(),
        source: String::new(),
        publisher: None,
        subset_of: None,
        subset_of_version: String::new(),
        selection: String::new(),
        // Where a new item starts, as from the API; only a status cell moves it.
        status: Status::Draft,
        codes: Vec::new(),
        registrations: Vec::new(),
    }
}

impl Merger {
    /// The codebook a sheet of codes without a `Kodverk` column belongs to: the one codebook
    /// its input defines.
    fn only_codebook(&mut self, row: &RowView<'_>) -> Option<Id> {
        // Keys sort by kind first: the codebooks are one run of them.
        let from = crate::domain::ItemKey {
            kind: ItemKind::Codebook,
            id: String::new(),
        };
        let mut books = self
            .touched
            .range(from..)
            .map(|(k, _)| k)
            .take_while(|k| k.kind == ItemKind::Codebook)
            .filter_map(|k| Id::parse(&k.id).ok());
        match (books.next(), books.next()) {
            (Some(one), None) => Some(one),
            (first, _) => {
                let n = if first.is_some() { "several" } else { "no" };
                self.problem(crate::import::report::Problem {
                    location: row.loc("notation"),
                    message: format!(
                        "this sheet of codes has no column Kodverk, and the input defines {n} \
                         codebooks; add the column, or import the codes with their one \
                         codebook (a row of the sheet kodverk)"
                    ),
                });
                None
            }
        }
    }
}
