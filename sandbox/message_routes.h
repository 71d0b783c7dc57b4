// Messages and conversations (cursor-paged, read-only):
//   GET /platform/v1/whatsapp/messages[/{message_id}]
//   GET /platform/v1/whatsapp/conversations[/{conversation_id}]
#ifndef SANDBOX_MESSAGE_ROUTES_H_
#define SANDBOX_MESSAGE_ROUTES_H_

#include "sandbox/router.h"
#include "sandbox/sandbox_store.h"

namespace kapso::sandbox {

void AddMessageRoutes(Router& router, SandboxStore& store);

}  // namespace kapso::sandbox

#endif  // SANDBOX_MESSAGE_ROUTES_H_
