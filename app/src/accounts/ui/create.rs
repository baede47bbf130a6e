//! On the admin's accounts page: making an account for someone, who is mailed a link to choose a
//! password. What was typed stays after a refusal, with the reason next to the field.
use crate::accounts::api::admin::CreateAccount;
use crate::i18n::{Lang, t};
use crate::ui::typed::Kept;
use crate::ui::{Field, FormError, PostForm, carried_error};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn CreateAccountForm() -> impl IntoView {
    let error = Signal::stored(carried_error::<CreateAccount>());
    let chosen = Kept::for_form(<CreateAccount as ServerFn>::PATH).text("language", crate::i18n::use_lang().code());
    view! {
        <section class="card" id="create">
            <h2>{t("admin.create")}</h2>
            <p class="hint">{t("admin.create.hint")}</p>
            <FormError error/>
            <PostForm<CreateAccount> testid="create-account-form">
                <Field label="field.name" name="name" error required=true form="create"/>
                <Field label="field.email" name="email" kind="email" error required=true form="create"/>
                <div class="field">
                    <label for="f-create-language">{t("field.language")}</label>
                    <select id="f-create-language" name="language">
                        {Lang::ALL.into_iter().map(|l| {
                            let selected = l.code() == chosen;
                            view! { <option value=l.code() selected=selected>{l.native_name()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="btn-primary">{t("admin.create.submit")}</button>
            </PostForm<CreateAccount>>
        </section>
    }
}
