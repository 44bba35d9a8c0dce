//! The quality a harvester will find, computed before the harvest: data.europa.eu's Metadata
//! Quality Assessment (`mqa`) over this catalogue's DCAT-AP-SE feed, and the checks it needs
//! beyond the metadata itself (`links`: whether access and download URLs answer).

pub mod links;
pub mod mqa;

pub use mqa::{
    Assessment, Checks, DatasetScore, Dimension, INDICATORS, Indicator, Outcome, Rating,
};
