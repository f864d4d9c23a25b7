// The namespaces most files of this project use, imported once.
global using System.CommandLine;
global using System.Globalization;
global using Liif.Inference;
global using Liif.Storage;
global using Liif.Imaging;
global using Liif.Evaluation;
global using Liif.Training;
