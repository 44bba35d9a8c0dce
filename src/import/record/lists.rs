//! The harmonisation lists of an item (`harmonisation`, `reference_group`): its dated steps
//! of the method and its reference group, one sheet each per kind.

use super::ListSpec;
use crate::fields::SheetKind;

pub(super) const VARIABLE_HISTORY: ListSpec = ListSpec {
    key: "harmonisation",
    sheet: SheetKind::VariableHistory,
    parent: "variable",
    numbered: None,
};
pub(super) const VARIABLE_GROUP: ListSpec = ListSpec {
    key: "reference_group",
    sheet: SheetKind::VariableGroups,
    parent: "variable",
    numbered: None,
};
pub(super) const USE_CASE_HISTORY: ListSpec = ListSpec {
    key: "harmonisation",
    sheet: SheetKind::UseCaseHistory,
    parent: "use_case",
    numbered: None,
};
pub(super) const COLLECTION_HISTORY: ListSpec = ListSpec {
    key: "harmonisation",
    sheet: SheetKind::CollectionHistory,
    parent: "collection",
    numbered: None,
};
pub(super) const COLLECTION_GROUP: ListSpec = ListSpec {
    key: "reference_group",
    sheet: SheetKind::CollectionGroups,
    parent: "collection",
    numbered: None,
};
