//! Request bodies have a cap (2 MB, what server functions read at most): a larger one is refused
//! with 413 and a message, before any handler starts on it. Without this, the server function found
//! its body cut off and the answer was a 500 that said nothing. Uploads (multipart forms) stream
//! through to their own handlers, which hold their own limits and say so next to the file field.
use app::error::{AppError, Msg};
use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::Response;

/// The most a request body other than an upload may hold: what Leptos' server functions read.
pub const MOST_BYTES: usize = 2 * 1024 * 1024;

/// The request as it came (its body read into memory when it had one to check), or the refusal.
pub async fn within_cap(req: Request) -> Result<Request, Response> {
    let headers = req.headers();
    let upload = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) || upload {
        return Ok(req);
    }
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    match declared {
        Some(n) if n > MOST_BYTES => return Err(too_large()),
        // The server holds a body to its declared length: it is within the cap, left unread here.
        Some(_) => return Ok(req),
        None => {}
    }
    // Without a length (chunked), the body is read here up to the cap, so that what passes it is
    // refused the same way.
    let (parts, body) = req.into_parts();
    match to_bytes(body, MOST_BYTES).await {
        Ok(bytes) => Ok(Request::from_parts(parts, Body::from(bytes))),
        Err(e) if is_length_limit(&e) => Err(too_large()),
        Err(_) => Err(plain(StatusCode::BAD_REQUEST, AppError::Refused(Msg::new("error.bad_request")))),
    }
}

fn is_length_limit(e: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        if err.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        source = err.source();
    }
    false
}

fn too_large() -> Response {
    plain(StatusCode::PAYLOAD_TOO_LARGE, AppError::Refused(Msg::new("error.too_large")))
}

/// The error as server functions send theirs (JSON), so a page's form shows its message.
fn plain(status: StatusCode, error: AppError) -> Response {
    let body = serde_json::to_string(&error).unwrap_or_default();
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}
