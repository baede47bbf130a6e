//! Stored files (rooms' presentations), behind one interface, the `object_store` crate: a folder
//! on this machine by default, or an S3-compatible bucket that several portal processes share.
//! Files are written and read as streams, so an upload or a download never sits whole in memory.
use crate::error::{AppError, AppResult};
use bytes::Bytes;
use futures::stream::{BoxStream, StreamExt};
use object_store::{ClientOptions, ObjectStore, WriteMultipart, path::Path};
use std::sync::Arc;
use std::time::Duration;

/// Where files are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A folder (created when missing).
    Folder(std::path::PathBuf),
    S3(S3),
}

/// An S3-compatible bucket (AWS, MinIO, Garage, Ceph…), addressed by path, not by host name.
#[derive(Clone, PartialEq, Eq)]
pub struct S3 {
    pub endpoint: String,
    pub bucket: String,
    pub region: String,
    pub access_key: String,
    pub secret_key: String,
}

// Never print the secret key.
impl std::fmt::Debug for S3 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3").field("endpoint", &self.endpoint).field("bucket", &self.bucket).finish_non_exhaustive()
    }
}

/// S3 needs parts of at least 5 MB but the last; a folder takes any size, so its parts are small.
/// At most two are sent at once, so an upload holds at most three parts in memory whatever its size.
const S3_PART: usize = 5 * 1024 * 1024;
const FOLDER_PART: usize = 512 * 1024;
const PARTS_AT_ONCE: usize = 2;

#[derive(Clone)]
pub struct Files {
    store: Arc<dyn ObjectStore>,
    part: usize,
}

impl std::fmt::Debug for Files {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Files({})", self.store)
    }
}

/// The store did not answer or refused: the member is told to try again; the cause is logged.
fn unavailable(e: object_store::Error) -> AppError {
    AppError::unavailable(format!("file store: {e}"))
}

impl Files {
    /// Opens the place; `timeout` bounds each call to a bucket. An error says what is wrong with it.
    pub fn open(place: &Place, timeout: Duration) -> Result<Files, String> {
        let (store, part): (Arc<dyn ObjectStore>, usize) = match place {
            Place::Folder(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| format!("files folder {}: {e}", dir.display()))?;
                let local = object_store::local::LocalFileSystem::new_with_prefix(dir)
                    .map_err(|e| format!("files folder {}: {e}", dir.display()))?;
                (Arc::new(local), FOLDER_PART)
            }
            Place::S3(s3) => {
                let options = ClientOptions::new()
                    .with_timeout(timeout)
                    .with_connect_timeout(Duration::from_secs(5))
                    .with_allow_http(s3.endpoint.starts_with("http://"));
                let bucket = object_store::aws::AmazonS3Builder::new()
                    .with_endpoint(&s3.endpoint)
                    .with_bucket_name(&s3.bucket)
                    .with_region(&s3.region)
                    .with_access_key_id(&s3.access_key)
                    .with_secret_access_key(&s3.secret_key)
                    .with_virtual_hosted_style_request(false)
                    .with_client_options(options)
                    .build()
                    .map_err(|e| format!("files bucket {}: {e}", s3.bucket))?;
                (Arc::new(bucket), S3_PART)
            }
        };
        Ok(Files { store, part })
    }

    /// Starts writing `key`; nothing is seen under it until [`Writer::finish`].
    pub async fn writer(&self, key: &str) -> AppResult<Writer> {
        let upload = self.store.put_multipart(&Path::from(key)).await.map_err(unavailable)?;
        Ok(Writer { upload: WriteMultipart::new_with_chunk_size(upload, self.part) })
    }

    /// The file's size and its bytes as a stream.
    pub async fn read(&self, key: &str) -> AppResult<(u64, BoxStream<'static, std::io::Result<Bytes>>)> {
        let found = match self.store.get(&Path::from(key)).await {
            Ok(found) => found,
            Err(object_store::Error::NotFound { .. }) => return Err(AppError::NotFound),
            Err(e) => return Err(unavailable(e)),
        };
        let size = found.meta.size;
        Ok((size, found.into_stream().map(|chunk| chunk.map_err(std::io::Error::other)).boxed()))
    }

    /// Deletes `key`; one already gone is no error.
    pub async fn delete(&self, key: &str) -> AppResult<()> {
        match self.store.delete(&Path::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(unavailable(e)),
        }
    }
}

/// A file being written, part by part.
pub struct Writer {
    upload: WriteMultipart,
}

impl Writer {
    /// Adds `bytes`, waiting while two parts are on their way.
    pub async fn write(&mut self, bytes: Bytes) -> AppResult<()> {
        self.upload.wait_for_capacity(PARTS_AT_ONCE).await.map_err(unavailable)?;
        self.upload.put(bytes);
        Ok(())
    }

    /// Makes the file appear whole under its key.
    pub async fn finish(self) -> AppResult<()> {
        self.upload.finish().await.map(|_| ()).map_err(unavailable)
    }

    /// Gives up: the parts written so far are removed.
    pub async fn abort(self) {
        if let Err(e) = self.upload.abort().await {
            tracing::warn!(error = %e, "an abandoned upload's parts could not be removed");
        }
    }
}
