#pragma once
// SIGTERM (what SLURM sends at the time limit) and SIGINT stop a run at the next safe
// point, the start of a stage, where every rank agrees to stop with exit code 130.
namespace heatstreet {

void install_interrupt_handlers();
// The signal received so far on this rank (0 = none).
int pending_interrupt();
// The signal's name, e.g. "SIGTERM".
const char* signal_name(int sig);

}  // namespace heatstreet
