//! Files and folders only their owner reads: a store holds health
//! workers' names and phone numbers, its backups too, an export as much.
//! On Unix they are created 0600 / 0700 whatever the umask (a laptop
//! shared by a family, a lent account); on Windows files inherit the
//! user's profile's permissions, which already keep other users out.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

/// Creates `dir` and any missing parent, the ones created readable by
/// the owner only. A folder that already exists (the person's Documents,
/// `/tmp`) is left as it is.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Opens `path` for writing from the start, readable by the owner only,
/// also when it existed with wider permissions.
pub fn create_private_file(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path)?;
    restrict_open(&file)?;
    Ok(file)
}

/// Writes `bytes` to `path` as [`create_private_file`] creates it.
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = create_private_file(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Makes an existing file of Binôme's readable by its owner only (a store
/// or a backup written by an earlier version, 0644); absent is fine.
///
/// By path, never by opening it: closing any descriptor of a file drops
/// every POSIX lock the process holds on it, and SQLite's locks on a store
/// another connection of this process has open are such locks.
pub fn restrict(path: &Path) -> io::Result<()> {
    match std::fs::metadata(path) {
        Ok(metadata) => restrict_path(path, &metadata),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

#[cfg(unix)]
fn restrict_path(path: &Path, metadata: &std::fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    if metadata.permissions().mode() & 0o077 != 0 {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn restrict_path(_path: &Path, _metadata: &std::fs::Metadata) -> io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn restrict_open(file: &File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    if file.metadata()?.permissions().mode() & 0o077 != 0 {
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn restrict_open(_file: &File) -> io::Result<()> {
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn what_binome_writes_is_its_owner_s_alone_and_folders_it_did_not_make_are_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let nested = dir.path().join("binome").join("backups");
        create_private_dir(&nested).unwrap();
        assert_eq!((mode(&dir.path().join("binome")), mode(&nested)), (0o700, 0o700));
        assert_eq!(mode(dir.path()), 0o755, "an existing folder keeps its permissions");

        let export = nested.join("export.xlsx");
        write_private(&export, b"PK").unwrap();
        assert_eq!(mode(&export), 0o600);
        let old = dir.path().join("old-store.sqlite3");
        std::fs::write(&old, b"").unwrap();
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o644)).unwrap();
        restrict(&old).unwrap();
        assert_eq!(mode(&old), 0o600);
        write_private(&old, b"again").unwrap();
        assert_eq!(mode(&old), 0o600);
        restrict(&dir.path().join("absent")).unwrap();
    }
}

/// Makes a rename in `dir` durable: until the folder itself is synced, a
/// power cut may bring back the work name.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    // Windows cannot open a folder as a file; NTFS journals the rename.
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}
