//! The UI's command layer, generated from the commands' own signatures:
//! `ui/src/lib/commands.ts` holds the `Backend` interface, one typed method
//! per `#[tauri::command]` (its name, its arguments, its answer), and
//! `tauriBackend`, which sends each to the shell under the names Tauri
//! gives the arguments. A command renamed or given another argument breaks
//! the UI's type check instead of failing at run time; component tests put
//! a backend of their own in its place (`ui/src/lib/testing/backend.ts`). Regenerated like the types:
//! `UPDATE_BINDINGS=1 cargo test -p binome-desktop --lib bindings`.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use syn::{FnArg, GenericArgument, Item, Pat, PathArguments, ReturnType, Type};

/// Where the UI imports it from, relative to the workspace root.
pub const COMMANDS_PATH: &str = "ui/src/lib/commands.ts";

/// Arguments Tauri fills in itself: the UI never sends them.
const INJECTED: &[&str] = &["State", "AppHandle", "Window", "WebviewWindow"];

struct Command {
    name: String,
    args: Vec<(String, String)>,
    answer: String,
}

/// The whole file, as it should be committed, from the command modules in
/// `commands_dir`.
pub fn typescript(commands_dir: &Path) -> String {
    let commands = commands(commands_dir);
    let mut used = BTreeSet::new();
    for c in &commands {
        for ty in c.args.iter().map(|(_, ty)| ty).chain([&c.answer]) {
            used.extend(named_types(ty));
        }
    }
    let mut out = String::from(
        "// Generated from the #[tauri::command] signatures by src-tauri/src/command_bindings.rs.\n\
         // Do not edit: run `UPDATE_BINDINGS=1 cargo test -p binome-desktop --lib bindings`.\n\n\
         import { invoke } from '@tauri-apps/api/core';\n",
    );
    if !used.is_empty() {
        let names: Vec<&str> = used.iter().map(String::as_str).collect();
        let _ = writeln!(out, "import type {{ {} }} from './bindings';", names.join(", "));
    }
    out.push_str("\n/** What the screens ask of the shell: one method per command. */\nexport interface Backend {\n");
    for c in &commands {
        let params: Vec<String> = c.args.iter().map(|(name, ty)| format!("{}: {ty}", parameter(name))).collect();
        let _ = writeln!(out, "  {}({}): Promise<{}>;", camel(&c.name), params.join(", "), c.answer);
    }
    out.push_str("}\n\n/** The backend of the desktop app: the shell's Tauri commands. */\nexport const tauriBackend: Backend = {\n");
    for c in &commands {
        let params: Vec<String> = c.args.iter().map(|(name, _)| parameter(name)).collect();
        let sent: Vec<String> = c
            .args
            .iter()
            .map(|(name, _)| match (camel(name), parameter(name)) {
                (key, local) if key == local => key,
                (key, local) => format!("{key}: {local}"),
            })
            .collect();
        let payload = if sent.is_empty() { String::new() } else { format!(", {{ {} }}", sent.join(", ")) };
        let _ = writeln!(
            out,
            "  {}: ({}) => invoke<{}>('{}'{}),",
            camel(&c.name),
            params.join(", "),
            c.answer,
            c.name,
            payload
        );
    }
    out.push_str("};\n");
    out
}

/// The command names the shell registers, read from `generate_handler!`.
pub fn registered(lib_rs: &str) -> BTreeSet<String> {
    let start = lib_rs.find("generate_handler![").expect("the shell registers its commands");
    let end = start + lib_rs[start..].find(']').expect("the list closes");
    lib_rs[start + "generate_handler![".len()..end]
        .split(',')
        .filter_map(|entry| entry.trim().rsplit("::").next().map(str::to_owned))
        .filter(|name| !name.is_empty())
        .collect()
}

/// The command names found in the modules, to compare with [`registered`].
pub fn declared(commands_dir: &Path) -> BTreeSet<String> {
    commands(commands_dir).into_iter().map(|c| c.name).collect()
}

/// Every `#[tauri::command]` of the modules, by name.
fn commands(commands_dir: &Path) -> Vec<Command> {
    let mut commands = Vec::new();
    for file in command_files(commands_dir) {
        let text = std::fs::read_to_string(&file).expect("a command module reads");
        let parsed = syn::parse_file(&text).expect("a command module parses");
        commands.extend(parsed.items.iter().filter_map(command));
    }
    commands.sort_by(|a, b| a.name.cmp(&b.name));
    commands
}

fn command_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the commands folder")
        .map(|entry| entry.expect("a folder entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    files
}

fn command(item: &Item) -> Option<Command> {
    let Item::Fn(function) = item else { return None };
    let is_command = function.attrs.iter().any(|a| {
        let segments: Vec<String> = a.path().segments.iter().map(|s| s.ident.to_string()).collect();
        segments == ["tauri", "command"]
    });
    if !is_command {
        return None;
    }
    let mut args = Vec::new();
    for input in &function.sig.inputs {
        let FnArg::Typed(typed) = input else { continue };
        if INJECTED.contains(&last_ident(&typed.ty).as_str()) {
            continue;
        }
        let Pat::Ident(name) = &*typed.pat else { panic!("a command argument without a plain name") };
        args.push((name.ident.to_string(), typescript_type(&typed.ty)));
    }
    let answer = match &function.sig.output {
        ReturnType::Default => "void".to_owned(),
        ReturnType::Type(_, ty) => answer_type(ty),
    };
    Some(Command { name: function.sig.ident.to_string(), args, answer })
}

/// `Answer<T>` or `Result<T, ErrorView>`: the UI receives `T`.
fn answer_type(ty: &Type) -> String {
    match generic_args(ty).as_slice() {
        [ok, ..] if matches!(last_ident(ty).as_str(), "Answer" | "Result") => typescript_type(ok),
        _ => typescript_type(ty),
    }
}

fn typescript_type(ty: &Type) -> String {
    match ty {
        Type::Reference(reference) => typescript_type(&reference.elem),
        Type::Tuple(tuple) if tuple.elems.is_empty() => "void".to_owned(),
        Type::Path(_) => {
            let name = last_ident(ty);
            let args = generic_args(ty);
            match (name.as_str(), args.as_slice()) {
                ("String" | "str" | "PathBuf", _) => "string".to_owned(),
                ("bool", _) => "boolean".to_owned(),
                ("u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "f32" | "f64", _) => {
                    "number".to_owned()
                }
                ("Option", [inner]) => format!("{} | null", typescript_type(inner)),
                ("Vec", [inner]) => {
                    let inner = typescript_type(inner);
                    if inner.contains(' ') { format!("({inner})[]") } else { format!("{inner}[]") }
                }
                ("BTreeMap" | "HashMap", [key, value]) => {
                    format!("Record<{}, {}>", typescript_type(key), typescript_type(value))
                }
                ("Value", _) => "JsonValue".to_owned(),
                (named, []) => named.to_owned(),
                (other, _) => panic!("no TypeScript for the command type {other}<…>: add it to command_bindings.rs"),
            }
        }
        _ => panic!("no TypeScript for a command argument of this shape"),
    }
}

fn last_ident(ty: &Type) -> String {
    match ty {
        Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default(),
        Type::Reference(reference) => last_ident(&reference.elem),
        _ => String::new(),
    }
}

fn generic_args(ty: &Type) -> Vec<Type> {
    let Type::Path(path) = ty else { return Vec::new() };
    let Some(last) = path.path.segments.last() else { return Vec::new() };
    let PathArguments::AngleBracketed(args) = &last.arguments else { return Vec::new() };
    args.args
        .iter()
        .filter_map(|a| match a {
            GenericArgument::Type(t) => Some(t.clone()),
            _ => None,
        })
        .collect()
}

/// The TypeScript names a type mentions that come from `bindings.ts`.
fn named_types(ty: &str) -> Vec<String> {
    ty.split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|word| word.chars().next().is_some_and(char::is_uppercase))
        // TypeScript's own.
        .filter(|word| *word != "Record")
        .map(str::to_owned)
        .collect()
}

/// The name a function parameter takes in TypeScript: the argument's own,
/// unless the language reserves it (`new`).
fn parameter(name: &str) -> String {
    const RESERVED: &[&str] = &["new", "delete", "default", "function", "class", "in", "var", "let", "const"];
    let name = camel(name);
    if RESERVED.contains(&name.as_str()) { format!("{name}Value") } else { name }
}

/// Tauri's own renaming of arguments (snake_case → camelCase).
fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{COMMANDS_PATH, declared, registered, typescript};
    use std::path::PathBuf;

    fn crate_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    #[test]
    fn committed_commands_match_the_command_signatures() {
        let path = crate_dir().join("..").join(COMMANDS_PATH);
        let expected = typescript(&crate_dir().join("src/commands"));
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &expected).expect("commands written");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == expected,
            "{COMMANDS_PATH} is stale: run `UPDATE_BINDINGS=1 cargo test -p binome-desktop --lib bindings`"
        );
    }

    #[test]
    fn every_command_declared_is_registered_and_every_registered_one_declared() {
        let lib = std::fs::read_to_string(crate_dir().join("src/lib.rs")).unwrap();
        assert_eq!(registered(&lib), declared(&crate_dir().join("src/commands")));
    }

    #[test]
    fn argument_names_follow_tauri_s_renaming() {
        assert_eq!(super::camel("session_id"), "sessionId");
        assert_eq!(super::camel("dry_run"), "dryRun");
        assert_eq!(super::camel("path"), "path");
    }
}
