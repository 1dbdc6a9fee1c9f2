namespace Contrastive.Evaluation.Retrieval;

/// <summary>
/// Cross-modal retrieval of a two-tower (CLIP) model on held-out image-text pairs: images search the distinct captions,
/// and captions search the images. An image's relevant caption is its own (identical captions count as one); a
/// caption's relevant images are all the images it describes.
/// </summary>
/// <param name="ImageToText">Images as queries, distinct captions as the gallery.</param>
/// <param name="TextToImage">Distinct captions as queries, images as the gallery.</param>
/// <param name="Captions">The number of distinct captions.</param>
public sealed record ImageTextRetrieval(RetrievalResult ImageToText, RetrievalResult TextToImage, int Captions);
