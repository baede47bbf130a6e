-- Who gives, as a source names them (an Open Collective profile slug), and the member they are once
-- matched or linked by an admin (remembered for later imports). Written only by app::contributions.
CREATE TABLE contributors (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    external_key TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (source, external_key)
);
-- Each gift, or refund (a negative amount pointing at what it reverses), in minor units of its
-- currency: never floating point. Each source's reference once. Written only by app::contributions.
CREATE TABLE contributions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    contributor_id BIGINT REFERENCES contributors (id) ON DELETE SET NULL,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    contributed_at BIGINT NOT NULL,
    source TEXT NOT NULL,
    external_ref TEXT NOT NULL,
    order_ref TEXT,
    frequency TEXT NOT NULL,
    refunds_id BIGINT,
    note TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    UNIQUE (source, external_ref)
);
CREATE INDEX contributions_user ON contributions (user_id, contributed_at);
CREATE INDEX contributions_order ON contributions (source, order_ref);
CREATE INDEX contributions_refunds ON contributions (refunds_id);
