#ifndef SERVICE_REFLECTION_V1_H_
#define SERVICE_REFLECTION_V1_H_

namespace kapso::service {

// Makes every grpc::ServerBuilder created afterwards also serve
// grpc.reflection.v1.ServerReflection (libgrpc++ 1.51 serves only v1alpha,
// while current tools ask for v1 first), answering from the generated
// descriptor pool, which also holds grpc.health.v1 so that reflection can
// describe the Health service. Call once before building a server, like
// grpc::reflection::InitProtoReflectionServerBuilderPlugin().
void InitReflectionV1ServerBuilderPlugin();

}  // namespace kapso::service

#endif  // SERVICE_REFLECTION_V1_H_
