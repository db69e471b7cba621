package dev.featurewatch.api;

import dev.featurewatch.dictionary.DictionaryIndex;
import dev.featurewatch.dictionary.FeatureDictionary;
import dev.featurewatch.engine.DecodeBatcher;
import dev.featurewatch.engine.Guardrail;
import dev.featurewatch.engine.GuardedGenerator;
import dev.featurewatch.model.ChatTemplate;
import dev.featurewatch.model.TextTokenizer;
import dev.featurewatch.model.Transformer;
import dev.featurewatch.rules.SteeringRequest;
import dev.featurewatch.sae.SparseAutoencoder;

/**
 * The model the server answers with and everything that reads it: tokenizer, chat template, SAE
 * and probes (the {@link Guardrail}), and the feature dictionary with its Lucene index (null when
 * none was given). Read-only once loaded; shared by every request.
 *
 * @param id the name clients use in {@code model}
 * @param contextLength the most tokens one sequence may hold (prompt and answer)
 * @param batcher batches concurrent decode steps into one pass, or null
 */
public record ServedModel(
    String id, Transformer model, TextTokenizer tokenizer, ChatTemplate chatTemplate, Guardrail guardrail,
    FeatureDictionary dictionary, DictionaryIndex dictionaryIndex, int contextLength, DecodeBatcher batcher)
    implements AutoCloseable {

  public GuardedGenerator generator() {
    return new GuardedGenerator(model, tokenizer, guardrail, batcher);
  }

  public SparseAutoencoder sae() {
    return guardrail.sae();
  }

  /** Reads requests' own {@code featurewatch.steer}. */
  public SteeringRequest steeringParser() {
    return new SteeringRequest(dictionaryIndex, sae().config().dSae());
  }

  /** The dictionary label of a feature, or null. */
  public String label(int feature) {
    return dictionary == null ? null : dictionary.entry(feature).map(e -> e.label()).orElse(null);
  }

  @Override
  public void close() {
    if (batcher != null) {
      batcher.close();
    }
    if (dictionaryIndex != null) {
      dictionaryIndex.close();
    }
    guardrail.sae().close();
    tokenizer.close();
    model.close();
  }
}
