//! Form pieces that show what is wrong next to the field, with JavaScript (from the action's answer)
//! and without it (from the error the server put in the page address when it sent the browser back).
use crate::error::AppError;
use crate::i18n::{t, use_lang};
use base64::Engine;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::server_fn::error::FromServerFnError;

/// The latest error of server function `S`: its action's answer, else one carried in the URL.
pub fn form_error<S>(action: ServerAction<S>) -> Signal<Option<AppError>>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let carried = carried_error::<S>();
    // `try_get`: the server may still be streaming a page after its action was disposed.
    Signal::derive(move || match action.value().try_get().flatten() {
        Some(Err(e)) => Some(e),
        Some(Ok(_)) => None,
        None => carried.clone(),
    })
}

/// The error server function `S` sent back in the page's address, for a page that shows more than
/// the form when it was refused (a booking's alternatives).
pub fn carried_error<S: ServerFn>() -> Option<AppError> {
    let (path, error) = super::typed::carried()?;
    if path != S::PATH {
        return None;
    }
    let bytes = base64::engine::general_purpose::URL_SAFE.decode(error).ok()?;
    Some(AppError::de(bytes.into()))
}

/// A labelled input with its hint and its error, tied together for screen readers.
#[component]
pub fn Field(
    label: &'static str,
    name: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional, into)] value: Option<Signal<String>>,
    #[prop(optional)] required: bool,
    /// The id of a `<datalist>` offering suggestions.
    #[prop(optional)]
    list: &'static str,
    /// Tells apart same-named fields of several forms on one page, so each label finds its input.
    #[prop(optional)]
    form: &'static str,
) -> impl IntoView {
    let lang = use_lang();
    // Shown instead of the stored value while this form's refusal is on the page.
    let typed = super::typed::typed().and_then(|t| t.value(name));
    let value = move || match (&typed, error.get()) {
        (Some(typed), Some(_)) => Some(typed.clone()),
        _ => value.map(|v| v.get()),
    };
    let id = if form.is_empty() { format!("f-{name}") } else { format!("f-{form}-{name}") };
    let (error_id, hint_id) = (format!("{id}-error"), format!("{id}-hint"));
    let message = move || error.get().and_then(|e| e.field_errors().and_then(|f| f.get(name).map(|m| lang.msg(m))));
    // The hint and the error are read with the field; a refused form starts at its first wrong field.
    let described = {
        let (error_id, hint) = (error_id.clone(), hint.map(|_| hint_id.clone()));
        move || {
            let ids: Vec<String> = hint.iter().cloned().chain(message().map(|_| error_id.clone())).collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label for=id.clone()>{t(label)}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{t(h)}</p> })}
            <input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                required=required
                list=(!list.is_empty()).then_some(list)
                value=value
                aria-invalid=move || message().is_some().then_some("true")
                aria-describedby=described
                autofocus=move || message().is_some()
            />
            {move || message().map(|m| view! { <p id=error_id.clone() class="field-error">{m}</p> })}
        </div>
    }
}

/// A labelled checkbox with its error, read with the box (a consent, a confirmation).
#[component]
pub fn Check(
    label: &'static str,
    name: &'static str,
    #[prop(into)] error: Signal<Option<AppError>>,
    /// Tells apart same-named boxes of several forms on one page.
    #[prop(optional)]
    form: &'static str,
) -> impl IntoView {
    let lang = use_lang();
    let id = if form.is_empty() { format!("f-{name}") } else { format!("f-{form}-{name}") };
    let error_id = format!("{id}-error");
    let message = move || error.get().and_then(|e| e.field_errors().and_then(|f| f.get(name).map(|m| lang.msg(m))));
    let described = {
        let error_id = error_id.clone();
        move || message().map(|_| error_id.clone())
    };
    view! {
        <div class="check">
            <input type="checkbox" id=id.clone() name=name value="on"
                aria-invalid=move || message().is_some().then_some("true")
                aria-describedby=described
                autofocus=move || message().is_some()/>
            <label for=id>{t(label)}</label>
        </div>
        {move || message().map(|m| view! { <p id=error_id.clone() class="field-error">{m}</p> })}
    }
}

/// The form-level message: what went wrong that is not one field's fault.
#[component]
pub fn FormError(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let lang = use_lang();
    move || {
        error.get().map(|e| {
            let text = lang.msg(&e.message());
            // Field errors take the focus to their field; a refusal of the whole form takes it here.
            let whole = e.field_errors().is_none();
            view! { <div class="form-error" role="alert" tabindex=whole.then_some("-1") autofocus=whole>{text}</div> }
        })
    }
}

#[component]
pub fn Submit(label: &'static str, #[prop(into)] pending: Signal<bool>) -> impl IntoView {
    view! {
        <button type="submit" class="btn-primary" disabled=move || pending.get()>
            {t(label)}
        </button>
    }
}

/// A form that posts to server function `S` as a browser does without JavaScript. Pages are
/// islands-mode HTML, so no form outside an island wakes in the browser: the server answers the
/// post by sending the browser on (or back, with the refusal in the address, which
/// [`refusal_of`] reads). Unlike `ActionForm` it needs no action, so a page builds no signals for it.
#[component]
pub fn PostForm<S: ServerFn + 'static>(
    #[prop(optional)] _fn: std::marker::PhantomData<S>,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] testid: &'static str,
    #[prop(optional)] novalidate: bool,
    children: Children,
) -> impl IntoView {
    let class = (!class.is_empty()).then_some(class);
    let testid = (!testid.is_empty()).then_some(testid);
    view! { <form action=S::url() method="post" class=class data-testid=testid novalidate=novalidate>{children()}</form> }
}

/// The refusal of server function `S` carried in the page's address, for a [`PostForm`]'s fields.
pub fn refusal_of<S: ServerFn>() -> Signal<Option<AppError>> {
    Signal::stored(carried_error::<S>())
}

/// A field's error where the field is not a [`Field`] (a checkbox, a text area).
#[component]
pub fn FieldMessage(error: Signal<Option<AppError>>, name: &'static str) -> impl IntoView {
    let lang = use_lang();
    move || {
        error.get().and_then(|e| e.field_errors().and_then(|f| f.get(name).cloned())).map(|m| {
            view! { <p class="field-error">{lang.msg(&m)}</p> }
        })
    }
}
