// Program entry point: hands the command line to the CLI module.
#include "heatstreet/app/cli.hpp"

int main(int argc, char** argv) { return heatstreet::run_cli(argc, argv); }
