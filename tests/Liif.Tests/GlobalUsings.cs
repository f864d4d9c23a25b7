// The namespaces most files of this project use, imported once.
global using Liif.Imaging;
global using static TorchSharp.torch;
global using Liif.Models;
global using Liif.Training;
global using Liif.Storage;
global using Liif.Tests.Imaging;
global using Liif.Inference;
global using Liif.Evaluation;
global using TorchSharp;
global using System.Diagnostics;
