// Seed health payloads, one per phone number, in the shapes of Kapso's
// documented examples: healthy, degraded (LIMITED) and unhealthy (BLOCKED).
#include "sandbox/seed_data.h"

namespace kapso::sandbox {
namespace {

constexpr char kHealthy[] = R"json({
  "status": "healthy",
  "checks": {
    "phone_number_access": {"passed": true, "details": {
      "verified_name": "Acme Support", "display_phone_number": "+1 555-010-0001",
      "quality_rating": "GREEN", "status": "CONNECTED",
      "throughput_tier": "TIER_10K", "id": "1000000000000001"}},
    "phone_number_connection": {"passed": true, "details": {"status": "CONNECTED"}},
    "messaging_health": {"passed": true, "overall_status": "AVAILABLE", "details": {
      "can_send_message": "AVAILABLE", "entities": [
        {"entity_type": "PHONE_NUMBER", "id": "1000000000000001", "can_send_message": "AVAILABLE"},
        {"entity_type": "WABA", "id": "2000000000000001", "can_send_message": "AVAILABLE"},
        {"entity_type": "BUSINESS", "id": "3000000000000001", "can_send_message": "AVAILABLE"},
        {"entity_type": "APP", "id": "4000000000000001", "can_send_message": "AVAILABLE"}]}},
    "webhook_subscription": {"passed": true, "details": {
      "app_id": "4000000000000001", "subscribed": true,
      "subscribed_fields": ["messages", "message_template_status_update"]}},
    "webhook_verified": {"passed": true, "details": {
      "verified_at": "2026-01-05T10:30:00Z",
      "message": "Webhook successfully verified at 2026-01-05 10:30:00 UTC"}}
  }
})json";

constexpr char kDegraded[] = R"json({
  "status": "degraded",
  "checks": {
    "phone_number_access": {"passed": true, "details": {
      "verified_name": "Acme Sales", "display_phone_number": "+1 555-010-0002",
      "quality_rating": "YELLOW", "status": "CONNECTED",
      "throughput_tier": "TIER_10K", "id": "1000000000000002"}},
    "phone_number_connection": {"passed": true, "details": {"status": "CONNECTED"}},
    "messaging_health": {"passed": false, "overall_status": "LIMITED", "details": {
      "can_send_message": "LIMITED", "entities": [
        {"entity_type": "PHONE_NUMBER", "id": "1000000000000002", "can_send_message": "AVAILABLE"},
        {"entity_type": "WABA", "id": "2000000000000001", "can_send_message": "LIMITED",
         "additional_info": [
           "There is an issue with the payment method. Template sending and business-initiated conversations are blocked.",
           "You can still send and receive messages within the 24-hour window."]},
        {"entity_type": "BUSINESS", "id": "3000000000000001", "can_send_message": "AVAILABLE"},
        {"entity_type": "APP", "id": "4000000000000001", "can_send_message": "AVAILABLE"}]}},
    "webhook_subscription": {"passed": true, "details": {
      "app_id": "4000000000000001", "subscribed": true, "subscribed_fields": ["messages"]}},
    "webhook_verified": {"passed": false, "details": {
      "verified_at": null, "message": "Webhook not yet verified by Meta"}}
  }
})json";

constexpr char kUnhealthy[] = R"json({
  "status": "unhealthy",
  "checks": {
    "phone_number_access": {"passed": false,
      "error": "Meta Graph API error: 400 - {\"error\" => {\"message\" => \"Error validating access token: Session has expired\", \"type\" => \"OAuthException\", \"code\" => 190, \"fbtrace_id\" => \"SANDBOXtrace01\"}}"},
    "phone_number_connection": {"passed": null, "details": {"status": "UNKNOWN"}},
    "messaging_health": {"passed": false, "overall_status": "BLOCKED", "details": {
      "can_send_message": "BLOCKED", "entities": [
        {"entity_type": "PHONE_NUMBER", "id": "1000000000000003", "can_send_message": "BLOCKED",
         "errors": [{"error_code": "141000",
           "error_description": "The phone number is blocked from sending messages.",
           "possible_solution": "Contact WhatsApp Business support to review the number."}]},
        {"entity_type": "WABA", "id": "2000000000000001", "can_send_message": "LIMITED",
         "additional_info": ["Your display name has not been approved yet. Your message limit will increase after the display name is approved."]},
        {"entity_type": "BUSINESS", "id": "3000000000000001", "can_send_message": "AVAILABLE"}]}},
    "webhook_subscription": {"passed": true, "details": {
      "app_id": "4000000000000001", "subscribed": true, "subscribed_fields": ["messages"]}},
    "webhook_verified": {"passed": false, "details": {
      "verified_at": null, "message": "Webhook not yet verified by Meta"}},
    "token_validity": {"passed": false,
      "error": "Access token expired; reconnect the WhatsApp Business Account"}
  }
})json";

}  // namespace

void AddHealth(SeedData& seed) {
  seed.health["1000000000000001"] = nlohmann::json::parse(kHealthy);
  seed.health["1000000000000002"] = nlohmann::json::parse(kDegraded);
  seed.health["1000000000000003"] = nlohmann::json::parse(kUnhealthy);
}

}  // namespace kapso::sandbox
