#pragma once
// Command line: parses the arguments, runs the chosen command and returns the
// contract exit code (see error.hpp).
namespace heatstreet {
int run_cli(int argc, char** argv);
}
