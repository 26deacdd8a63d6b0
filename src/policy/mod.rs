//! Policy packs: policy as data. A pack is one jurisdiction's figures, dates, statuses covered and
//! quoted sentences; packs layer nation → province → city → county, each overriding its parent.
//! This module knows the pack format (`model`), how to read and check one (`read`), and how a
//! region's chain is resolved into the policy in force (`registry`).

pub mod model;
pub mod read;
pub mod registry;
pub mod shipped;

pub use model::*;
pub use registry::{Policy, Registry};
