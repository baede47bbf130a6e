# Reads `perf report --sort dso,sym --stdio` lines ("  12.34%  quorum  [.] symbol") and sums the
# self time of each part of the stack, by the symbol's crate path. Used by bench/profile.sh.
/^ +[0-9.]+%/ {
  share = $1; sub(/%/, "", share)
  dso = $2; sym = $0; sub(/^.*\] /, "", sym)
  part = "other (our code, std, serde, …)"
  if (dso ~ /kernel/) part = "kernel (network, scheduling)"
  else if (sym ~ /mi_|mimalloc|_mi_|malloc|free|realloc|memcpy|memmove/) part = "allocator and copies"
  else if (sym ~ /reactive_graph|any_spawner|Owner|ArenaItem|hydration_context/) part = "reactive graph (owners, contexts, signals)"
  else if (sym ~ /tachys|leptos_router|leptos_meta|leptos::|leptos_axum|leptos_integration/) part = "Leptos rendering and routing"
  else if (sym ~ /tower_sessions|cookie/) part = "sessions and cookies"
  else if (sym ~ /hyper|axum|tower|http::|h2::|httparse|bytes::/) part = "axum, tower, hyper"
  else if (sym ~ /sqlx|sqlite|libsqlite/) part = "database"
  else if (sym ~ /tokio|futures|mio/) part = "tokio and futures"
  else if (sym ~ /tracing|fmt::|core::fmt/) part = "tracing and formatting"
  else if (sym ~ /fluent|icu|intl/) part = "translations, numbers, dates"
  parts[part] += share
}
END {
  for (p in parts) printf "  %6.2f %%  %s\n", parts[p], p | "sort -rn"
}
