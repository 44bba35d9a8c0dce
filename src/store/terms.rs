//! The IRIs of the closed term lists (status, obligation, role, access rights, frequency,
//! publisher type, data type), both ways.

use crate::domain::{
    AccessRights, DataType, Frequency, HealthCategory, Obligation, PublisherType, Role, Status,
};

use super::vocab::{adms, eu, healthdcatap, varcat, xsd};

pub fn status_iri(s: Status) -> String {
    format!("{}status-{}", varcat::NS, s.as_str())
}

pub fn obligation_iri(o: Obligation) -> String {
    let local = match o {
        Obligation::Mandatory => "mandatory",
        Obligation::Conditional => "conditional",
        Obligation::Optional => "optional",
    };
    format!("{}obligation-{local}", varcat::NS)
}

pub fn role_iri(r: Role) -> String {
    let local = match r {
        Role::Required => "required",
        Role::Optional => "optional",
    };
    format!("{}role-{local}", varcat::NS)
}

pub fn access_iri(a: AccessRights) -> String {
    let local = match a {
        AccessRights::Public => "PUBLIC",
        AccessRights::Restricted => "RESTRICTED",
        AccessRights::NonPublic => "NON_PUBLIC",
    };
    format!("{}{local}", eu::ACCESS_RIGHT)
}

/// The HealthData@EU `healthcategories` IRI of an EHDS health category.
pub fn health_category_iri(h: HealthCategory) -> String {
    format!("{}{}", healthdcatap::HEALTH_CATEGORIES, h.as_str())
}

pub fn frequency_iri(f: Frequency) -> String {
    let local = match f {
        Frequency::Daily => "DAILY",
        Frequency::Weekly => "WEEKLY",
        Frequency::Monthly => "MONTHLY",
        Frequency::Quarterly => "QUARTERLY",
        Frequency::Annual => "ANNUAL",
        Frequency::Continuous => "CONT",
        Frequency::Irregular => "IRREG",
    };
    format!("{}{local}", eu::FREQUENCY)
}

pub fn publisher_type_iri(p: PublisherType) -> String {
    format!("{}{}", adms::PUBLISHER_TYPE, p.as_str())
}

pub fn datatype_iri(d: DataType) -> &'static str {
    match d {
        DataType::Text => xsd::STRING.as_str(),
        DataType::Integer => xsd::INTEGER.as_str(),
        DataType::Decimal => xsd::DECIMAL.as_str(),
        DataType::Date => xsd::DATE.as_str(),
        DataType::DateTime => xsd::DATE_TIME.as_str(),
        DataType::Time => xsd::TIME.as_str(),
        DataType::Boolean => xsd::BOOLEAN.as_str(),
        DataType::Code => varcat::CODE.as_str(),
    }
}

/// Finds the term whose IRI is `iri` among `all`.
pub fn from_iri<T: Copy>(all: &[T], to_iri: impl Fn(T) -> String, iri: &str) -> Option<T> {
    all.iter().copied().find(|t| to_iri(*t) == iri)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_term_maps_back_from_its_iri() {
        for s in Status::ALL {
            assert_eq!(from_iri(Status::ALL, status_iri, &status_iri(*s)), Some(*s));
        }
        for f in Frequency::ALL {
            assert_eq!(
                from_iri(Frequency::ALL, frequency_iri, &frequency_iri(*f)),
                Some(*f)
            );
        }
        for d in DataType::ALL {
            let back = from_iri(
                DataType::ALL,
                |d| datatype_iri(d).to_owned(),
                datatype_iri(*d),
            );
            assert_eq!(back, Some(*d));
        }
    }
}
