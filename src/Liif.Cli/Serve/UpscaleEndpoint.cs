using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Liif.Cli.Serve;

/// <summary>
/// <c>POST /api/upscale</c>: one image in, the upscaled image back (as <c>liif upscale</c> makes it). The limits are
/// checked before any pixel is decoded (upload size as it arrives, megapixels from the image's header, the output size
/// from the target); the job then waits for the device in the <see cref="JobQueue"/> and stops if its client leaves.
/// Everything happens in memory: no temporary file is written.
/// </summary>
internal static class UpscaleEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http, ServeSettings settings, JobQueue queue,
        IHostApplicationLifetime lifetime)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        CancellationToken token = cancel.Token;
        ServeJob? job = null;
        string name = "upload";
        try
        {
            UpscaleForm form = await UpscaleForm.ReadAsync(http.Request, settings, token);
            name = form.Name;
            job = queue.Add(form.JobId);
            DecodedImage decoded = ImageFile.Decode(form.Image, form.Name, settings.Limit.MaxPixels);
            ImageU8 image = decoded.Image;
            (int width, int height) = form.Target.For(image.Width, image.Height);
            settings.Limit.Check(width, height);
            if (form.Model.Method.Upscaler is FixedScaleUpscaler fixedScale)
            {
                fixedScale.CheckSize(image.Width, image.Height, width, height);
            }

            ImageU8 result = await queue.RunAsync(job,
                progress => form.Model.Method.Upscaler.UpscaleImage(image, width, height, progress, form.Format.KeepsAlpha), token);
            // Encoded as liif upscale writes a file of that name, with the input's colour profile.
            byte[] encoded = ImageFile.Encode(result, form.ResultFileName, profile: decoded.Profile);
            Console.WriteLine($"{form.Name} ({image.Width}x{image.Height}) -> {width}x{height} {form.Format.Name} with {form.Model.Id} in {job.Snapshot().ElapsedSeconds:0.0} s");
            return Results.File(encoded, form.Format.ContentType, form.ResultFileName);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            Console.WriteLine($"{name}: stopped ({(http.RequestAborted.IsCancellationRequested ? "the client left" : "the server is stopping")})");
            return Results.Empty;
        }
        catch (Exception e)
        {
            job?.Finish(JobState.Failed);
            return ErrorResponse.For(e);
        }
    }
}
