//! Why the lock on a store refuses: data for the front ends to tell,
//! depending on no vault code (the core's error type holds it).

#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error("wrong passphrase")]
    WrongPassphrase,
    #[error("a passphrase needs at least {min} characters")]
    PassphraseTooShort { min: usize },
    #[error("the store {store} is encrypted but its key file {key_file} is missing")]
    KeyFileMissing { store: String, key_file: String },
    #[error("the key file {key_file} has no store beside it ({store})")]
    StoreMissing { store: String, key_file: String },
    #[error("the key file is damaged: {detail}")]
    KeyFileDamaged { detail: String },
    #[error("the store {store} already has a passphrase")]
    AlreadyProtected { store: String },
    #[error("the store {store} has no passphrase yet")]
    NotProtected { store: String },
    #[error("the recovery kit {path} is unreadable: {detail}")]
    KitDamaged { path: String, detail: String },
    #[error("the recovery kit is not sealed to this laptop")]
    KitNotForUs,
    #[error("the recovery kit is not the one of the store {store}")]
    KitForAnotherStore { store: String },
    #[error("no coordinator is trusted yet: no recovery kit")]
    NoCoordinator,
    /// The session has no keychain, or it refused.
    #[error("the keychain of this computer is unavailable: {detail}")]
    KeychainUnavailable { detail: String },
    #[error("cannot read or write {path}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

impl VaultError {
    pub fn code(&self) -> &'static str {
        match self {
            VaultError::WrongPassphrase => "wrong-passphrase",
            VaultError::PassphraseTooShort { .. } => "passphrase-too-short",
            VaultError::KeyFileMissing { .. } => "key-file-missing",
            VaultError::StoreMissing { .. } => "store-missing",
            VaultError::KeyFileDamaged { .. } => "key-file-damaged",
            VaultError::AlreadyProtected { .. } => "already-protected",
            VaultError::NotProtected { .. } => "not-protected",
            VaultError::KitDamaged { .. } => "kit-damaged",
            VaultError::KitNotForUs => "kit-not-for-us",
            VaultError::KitForAnotherStore { .. } => "kit-other-store",
            VaultError::NoCoordinator => "no-coordinator",
            VaultError::KeychainUnavailable { .. } => "keychain-unavailable",
            VaultError::Io { .. } => "io",
        }
    }
}
