//! Binôme's domain: the records a mission produces, how each is validated,
//! how versions of a synced row are ordered, and how indicators are computed.
//!
//! This crate does no IO and knows no SQL: the store persists what it
//! defines, the core orchestrates, the front ends render. Everything that
//! must mean the same on every laptop (an indicator's definition, a
//! competency level, whether two names are the same person) lives here.
//!
//! ```
//! use binome_domain::{Kind, Input, parse_input};
//! let mut input = Input::new();
//! input.insert("code".into(), "PASST2".into());
//! input.insert("name".into(), "Partenariat santé".into());
//! input.insert("country".into(), "TD".into());
//! input.insert("start_date".into(), "01/01/2016".into());
//! let row = parse_input(Kind::Programme, &input, None).unwrap();
//! assert_eq!(row["start_date"], "2016-01-01");
//! ```

pub mod codes;
pub mod disclosure;
pub mod erasure;
pub mod facts;
pub mod framework;
pub mod headings;
pub mod ids;
pub mod indicators;
pub mod input;
pub mod kind;
pub mod merge;
pub mod names;
pub mod periods;
pub mod problem;
pub mod role;
pub mod validate;
pub mod version;

pub use codes::*;
pub use framework::{Framework, RatingScale, ScaleLevel};
pub use ids::{natural_id, new_id};
pub use input::{Input, Row, input_of, parse_input};
pub use kind::{FieldSpec, FieldType, Kind};
pub use problem::{Problem, ProblemCode, Problems};
pub use role::DeviceRole;
pub use version::{Hlc, VersionOrder, VersionVector};
