//! The `binome` command as users and scripts run it: one store per test in
//! a temporary folder, assertions on what is printed and what is stored.

mod demo;
mod dhis2;
mod duplicates;
mod exports;
mod import;
mod indicators;
mod json_output;
mod lock;
mod migration;
mod nearby;
mod print;
mod privacy;
mod private_files;
mod real_lists;
mod records;
mod support;
mod sync;
mod validation;
