//! huimin (惠民政策计算器): works out what a household is owed under China's poverty-alleviation
//! and social-assistance policies, and explains every yuan with the policy sentence it rests on.
//!
//! One direction through the crate: input → validation (`household`) → packs resolved (`policy`)
//! → rules (`rules`) → report (`report`).

#[cfg(target_arch = "wasm32")]
pub mod wasm;

/// The crate version, as `version()` reports it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The calculator: the shipped packs plus any loaded at run time.
pub struct Engine {}

impl Engine {
    /// An engine with every pack built into the library.
    pub fn with_shipped_packs() -> Engine {
        Engine {}
    }
    /// Evaluates a household given as JSON text. `Ok` holds the report JSON, `Err` the
    /// `{"errors":[…]}` JSON.
    pub fn evaluate_json(&self, _input: &str) -> Result<String, String> {
        Err(r#"{"errors":[]}"#.to_string())
    }
    /// Validates a pack given as JSON text against this engine's packs (its parent must exist).
    pub fn validate_pack_json(&self, _pack: &str) -> Result<(), String> {
        Ok(())
    }
    /// Validates and loads a pack; a pack with the id of a loaded one replaces it. `Ok` holds its id.
    pub fn load_pack_json(&mut self, _pack: &str) -> Result<String, String> {
        Err(r#"{"errors":[]}"#.to_string())
    }
    /// The places this engine has packs for, as JSON: `[{"code","id","level","parent","zh","en"}]`.
    pub fn regions_json(&self) -> String {
        "[]".to_string()
    }
}
