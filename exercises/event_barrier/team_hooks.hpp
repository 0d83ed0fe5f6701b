#pragma once
// Provided: where the team's journal goes (see team_hooks.cpp).

namespace ipclab::sync {

/// prepare(), work() and phase_done() write their lines to `fd` from now on
/// (standard output until this is called).
void set_journal_fd(int fd);

}  // namespace ipclab::sync
