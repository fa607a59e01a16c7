#pragma once
// The OpenSSL EVP functions hash.cpp calls for SHA-3 and BLAKE2b, through a
// table (shared_library.h): libcrypto.so is loaded only by a run that meets
// such a hash. SHA-256/384/512 use OpenSSL's direct functions, linked.

#include "shared_library.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#define WHLINST_EVP_FUNCTIONS(X)                                                                                       \
  X(EVP_DigestFinal_ex)                                                                                                \
  X(EVP_DigestInit_ex)                                                                                                 \
  X(EVP_DigestUpdate)                                                                                                  \
  X(EVP_MD_CTX_free)                                                                                                   \
  X(EVP_MD_CTX_new)                                                                                                    \
  X(EVP_MD_fetch)                                                                                                      \
  X(OPENSSL_init_crypto)

namespace whlinst {

struct EvpFunctions {
  WHLINST_EVP_FUNCTIONS(WHLINST_FUNCTION_MEMBER)
  // Every function, from the shared library (evp_functions_loaded.cpp) or
  // linked (evp_functions_linked.cpp).
  static Result<EvpFunctions> find();
};

// The EVP functions, loaded by the first call. Error: "cannot load
// libcrypto.so.N (...)".
inline Result<const EvpFunctions*> load_evp_functions() { return LibraryFunctions<EvpFunctions>::load(); }

// The functions, once load_evp_functions() succeeded.
inline const EvpFunctions& evp_functions() { return LibraryFunctions<EvpFunctions>::loaded(); }

} // namespace whlinst
