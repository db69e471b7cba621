package dev.featurewatch.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who is calling, once authenticated: a client named in the key file with its scopes and limits,
 * or, on a server without keys, the anonymous client that may do everything.
 *
 * @param name the client's name (audit records, alerts; never a metrics label)
 * @param scopes what it may do
 * @param requestsPerMinute most requests a minute, 0 for no limit
 * @param tokensPerMinute most prompt + completion tokens a minute, 0 for no limit
 */
public record ApiClient(String name, Set<Scope> scopes, int requestsPerMinute, int tokensPerMinute) {
  /** The client of a server without keys. */
  public static final ApiClient ANONYMOUS = new ApiClient(null, EnumSet.allOf(Scope.class), 0, 0);

  public ApiClient {
    scopes = scopes.isEmpty() ? EnumSet.noneOf(Scope.class) : EnumSet.copyOf(scopes);
  }

  public boolean may(Scope scope) {
    return scopes.contains(scope);
  }

  public boolean isAnonymous() {
    return name == null;
  }
}
