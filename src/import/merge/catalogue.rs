//! The sheets of organisations and data collections.

use crate::domain::{
    AccessRights, Collection, HealthCategory, ItemKind, Lang, OrgNr, Organisation, PublisherType,
};
use crate::import::rows::RowView;

use super::{Merger, key};

impl Merger {
    pub(super) fn organisation(&mut self, row: &RowView<'_>) {
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

    pub(super) fn collection(&mut self, row: &RowView<'_>) {
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
            harmonisation: Default::default(),
            meta: Default::default(),
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
        self.coverage(row, &mut c.meta);
        self.catalog.collections.insert(id, c);
    }
}
