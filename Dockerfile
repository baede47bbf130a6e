# Quorum: a release build of the portal in a slim Debian image.
# Build: docker build -t quorum .   Run: docker run -p 3000:3000 -v quorum-data:/data quorum
FROM rust:1.95-bookworm AS build
COPY --from=node:20-bookworm-slim /usr/local/bin/node /usr/local/bin/node
COPY --from=node:20-bookworm-slim /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && rustup target add wasm32-unknown-unknown \
 && cargo install wasm-bindgen-cli --version 0.2.130
WORKDIR /src
COPY . .
# The same release build as outside a container: wasm-opt from the npm package binaryen (Debian's is
# too old: its wasm fails in the browser), the binary and its site laid out in dist/.
ENV CARGO_TARGET_DIR=/src/target
RUN bash scripts/build-release

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home-dir /data --shell /usr/sbin/nologin quorum \
 && mkdir -p /data && chown quorum /data
# The binary finds its site in `site/` next to itself.
COPY --from=build /src/dist/quorum /opt/quorum/quorum
COPY --from=build /src/dist/site /opt/quorum/site
ENV QUORUM_BIND=0.0.0.0:3000 \
    QUORUM_DATABASE_URL=sqlite:///data/quorum.db \
    QUORUM_OUTBOX_DIR=/data/outbox \
    QUORUM_FILES_DIR=/data/files \
    QUORUM_LOG_FORMAT=json
VOLUME /data
USER quorum
WORKDIR /data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=6s --start-period=10s CMD ["/opt/quorum/quorum", "healthcheck"]
ENTRYPOINT ["/opt/quorum/quorum"]
CMD ["serve"]
