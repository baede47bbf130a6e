//! While a room's region is down, its managers are offered the healthy regions, what each lacks
//! said plainly, and move the room only when they confirm.
use crate::i18n::{t, tf, use_lang};
use crate::rooms::api::MoveRoom;
use crate::rooms::model::{Alternative, RegionDown};
use crate::ui::{FormError, form_error};
use leptos::prelude::*;

#[component]
pub fn MoveOffer(slug: String, down: RegionDown) -> impl IntoView {
    let action = ServerAction::<MoveRoom>::new();
    let error = form_error(action);
    let lang = use_lang();
    let field = move |name: &'static str| {
        move || error.get().and_then(|e| e.field_errors().and_then(|f| f.get(name).map(|m| lang.msg(m))))
    };
    view! {
        <section class="warning" role="alert" data-testid="region-down">
            <p>{tf("room.region_down", &[("region", (&down.region).into())])}</p>
            {if down.alternatives.is_empty() {
                view! { <p>{t("room.move_none")}</p> }.into_any()
            } else {
                let first = down.alternatives[0].code.clone();
                view! {
                    <ActionForm action=action attr:novalidate=true attr:data-testid="move-room">
                        <FormError error/>
                        <input type="hidden" name="slug" value=slug/>
                        <fieldset>
                            <legend>{t("room.move_offer")}</legend>
                            {down.alternatives.into_iter().map(|a| {
                                let checked = a.code == first;
                                view! { <Choice a checked/> }
                            }).collect_view()}
                        </fieldset>
                        {move || field("region")().map(|m| view! { <p class="field-error">{m}</p> })}
                        <div class="check">
                            <input type="checkbox" id="f-move-confirm" name="confirm" value="on"/>
                            <label for="f-move-confirm">{t("room.move_confirm")}</label>
                        </div>
                        {move || field("confirm")().map(|m| view! { <p class="field-error">{m}</p> })}
                        <button type="submit" class="btn-primary">{t("room.move_submit")}</button>
                    </ActionForm>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Choice(a: Alternative, checked: bool) -> impl IntoView {
    let id = format!("f-move-{}", a.code);
    let mut lacks = Vec::new();
    if a.lacks_recording {
        lacks.push(t("room.move_lacks_recording").to_string());
    }
    if a.smaller_meetings > 0 {
        lacks.push(tf("room.move_smaller", &[("max", a.smaller_meetings.into())]));
    }
    let note = if lacks.is_empty() { t("room.move_same").to_string() } else { lacks.join(", ") };
    view! {
        <div class="check">
            <input type="radio" id=id.clone() name="region" value=a.code.clone() checked=checked/>
            <label for=id>{a.name.clone()} " — " <span class="hint">{note}</span></label>
        </div>
    }
}
