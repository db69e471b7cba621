package dev.featurewatch.api;

/** Charges every exchange's tokens (prompt and answer) to its caller's per-minute allowance. */
public final class TokenAllowance implements ExchangeObserver {
  private final Authentication authentication;

  public TokenAllowance(Authentication authentication) {
    this.authentication = authentication;
  }

  @Override
  public void onFinished(Exchange exchange) {
    if (exchange.result() != null) {
      authentication.charge(exchange.caller(),
          exchange.result().promptTokens().length + (long) exchange.result().releasedTokens().length);
    }
  }
}
