//! A use case's binding may narrow a variable's value domain (a code system) with a value
//! set: checked for that use case, a value must then be one of the value set's codes.

use crate::domain::{Catalog, Codebook, Id, UseCase, value_set};

use super::CodeSet;

/// The codes allowed for variable `var` in `use_case` when its binding names a value set,
/// with a note for the report saying so; `None` when no value set narrows it. The value set's
/// members are taken from the version of its code system it names (the current one, or a
/// frozen earlier one with that version), else from the current one.
pub fn narrowed(
    catalog: &Catalog,
    earlier: &dyn Fn(&Id) -> Vec<Codebook>,
    use_case: &UseCase,
    var: &Id,
) -> Option<Result<(CodeSet, String), String>> {
    let binding = use_case.bindings.iter().find(|b| &b.variable == var)?;
    let set_id = binding.value_set.as_ref()?;
    let Some(set) = catalog.codebooks.get(set_id) else {
        return Some(Err(format!(
            "{var}: the value set {set_id} of use case {} is not in the catalogue; codes checked \
             against the value domain",
            use_case.id
        )));
    };
    let Some(system_id) = &set.subset_of else {
        return Some(Err(format!(
            "{var}: {set_id} names no code system; codes checked against the value domain"
        )));
    };
    let Some(current) = catalog.codebooks.get(system_id) else {
        return Some(Err(format!(
            "{var}: the code system {system_id} of {set_id} is not in the catalogue; codes \
             checked against the value domain"
        )));
    };
    let frozen;
    let system = if set.subset_of_version.is_empty() || set.subset_of_version == current.version {
        current
    } else {
        frozen = earlier(system_id);
        frozen
            .iter()
            .find(|b| b.version == set.subset_of_version)
            .unwrap_or(current)
    };
    let members = value_set::members(set, system);
    let note = format!(
        "{var}: codes checked against the value set {set_id} of use case {} ({} of {}{}: {})",
        use_case.id,
        members.len(),
        system_id,
        if system.version.is_empty() {
            String::new()
        } else {
            format!(" version {}", system.version)
        },
        set.selection
    );
    Some(Ok((
        CodeSet::current(members.into_iter().map(|c| c.notation.clone())),
        note,
    )))
}
