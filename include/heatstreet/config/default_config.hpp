#pragma once
// The bundled config/heatstreet.yaml, compiled in: every key with its default. User
// configurations are laid over it, so they need only the keys they change.
namespace heatstreet {
const char* default_config_yaml();
}
