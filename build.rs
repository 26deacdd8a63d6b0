//! Builds the shipped policy packs into the library: every `packs/*.json` is included, so a new
//! place is a new file in `packs/`, not a code change. The JSON is minified; for WebAssembly the
//! packs' example households (test data, run by the native test suite) are left out to keep the
//! module small.
use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("packs");
    let out_dir = env::var("OUT_DIR").unwrap();
    let wasm = env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    println!("cargo:rerun-if-changed=packs");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect())
        .unwrap_or_default();
    files.sort();
    let mut out = String::from("/// Every shipped pack: (file name, JSON text).\npub const SHIPPED: &[(&str, &str)] = &[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let text = fs::read_to_string(f).unwrap();
        // A pack that is not JSON is kept as it is: the library refuses it with its errors, and the
        // test suite fails on that.
        let text = match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(mut v) => {
                if let Some(o) = v.as_object_mut() {
                    o.remove("$schema");
                    if wasm {
                        o.remove("examples");
                        // A parameter's note is for pack authors: no report shows it.
                        if let Some(params) = o.get_mut("parameters").and_then(|p| p.as_object_mut()) {
                            for par in params.values_mut() {
                                if let Some(par) = par.as_object_mut() {
                                    par.remove("note");
                                }
                            }
                        }
                    }
                }
                serde_json::to_string(&v).unwrap()
            }
            Err(_) => text,
        };
        let min = Path::new(&out_dir).join(&name);
        fs::write(&min, text).unwrap();
        out.push_str(&format!("    ({:?}, include_str!({:?})),\n", name, min.display().to_string()));
    }
    out.push_str("];\n");
    fs::write(Path::new(&out_dir).join("shipped_packs.rs"), out).unwrap();

    // The message catalogues, without their comment lines (for translators, not for the module).
    let messages = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("messages");
    println!("cargo:rerun-if-changed=messages");
    for lang in ["zh-CN", "en"] {
        let f = messages.join(format!("{lang}.ftl"));
        println!("cargo:rerun-if-changed={}", f.display());
        let text = fs::read_to_string(&f).unwrap_or_default();
        let kept: Vec<&str> = text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).collect();
        fs::write(Path::new(&out_dir).join(format!("{lang}.ftl")), kept.join("\n") + "\n").unwrap();
    }
}
