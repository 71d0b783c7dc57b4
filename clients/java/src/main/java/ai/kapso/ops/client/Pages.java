package ai.kapso.ops.client;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Page iterators over the List* methods: page_token in, next_page_token out.
 *
 * <pre>{@code
 * for (ListApiLogsResponse page : Pages.iterable(ops.triage()::listApiLogs, request)) { ... }
 * Pages.stream(ops.messageDebug()::listMessages, request).flatMap(p -> p.getMessagesList().stream())
 * }</pre>
 */
public final class Pages {
  private Pages() {}

  /** Every page of a List* call, lazily, following next_page_token to the last page. */
  public static <Req extends Message, Resp extends Message> Iterable<Resp> iterable(
      Function<Req, Resp> call, Req request) {
    return () -> new PageIterator<>(call, request);
  }

  /** The pages as a sequential Stream. */
  public static <Req extends Message, Resp extends Message> Stream<Resp> stream(
      Function<Req, Resp> call, Req request) {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(new PageIterator<>(call, request), Spliterator.ORDERED), false);
  }

  private static final class PageIterator<Req extends Message, Resp extends Message> implements Iterator<Resp> {
    private final Function<Req, Resp> call;
    private Req next;

    PageIterator(Function<Req, Resp> call, Req request) {
      this.call = call;
      this.next = request;
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public Resp next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      Resp page = call.apply(next);
      String token = (String) page.getField(field(page, "next_page_token"));
      next = token.isEmpty() ? null : withPageToken(next, token);
      return page;
    }

    @SuppressWarnings("unchecked")
    private static <Req extends Message> Req withPageToken(Req request, String token) {
      return (Req) request.toBuilder().setField(field(request, "page_token"), token).build();
    }

    private static FieldDescriptor field(Message m, String name) {
      FieldDescriptor f = m.getDescriptorForType().findFieldByName(name);
      if (f == null) {
        throw new IllegalArgumentException(m.getDescriptorForType().getFullName() + " has no " + name);
      }
      return f;
    }
  }
}
