#include "evp_functions.h"

namespace whlinst {

WHLINST_LOADED_FUNCTIONS(EvpFunctions, WHLINST_EVP_FUNCTIONS, WHLINST_LIBCRYPTO_SONAME)

} // namespace whlinst
