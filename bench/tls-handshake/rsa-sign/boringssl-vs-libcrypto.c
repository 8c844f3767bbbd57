/*
 * RSA-2048 PKCS#1 v1.5 SHA-256 signatures, CPU time each: BoringSSL as netty-tcnative-boringssl-static ships it (its
 * RSA functions are local symbols of the .so: run.sh resolves them with nm and passes their offsets) against the
 * system's libcrypto 3, on the same key (traditional RSA DER in rsa.der). Evidence for decision 0012; see run.sh.
 *   boringssl-vs-libcrypto TCNATIVE.so N OFF_CRYPTO_library_init OFF_RSA_private_key_from_bytes OFF_RSA_sign
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
static double now(){struct timespec t;clock_gettime(CLOCK_PROCESS_CPUTIME_ID,&t);return t.tv_sec+t.tv_nsec/1e9;}
int main(int argc,char**argv){
  int n=atoi(argv[2]);
  FILE*f=fopen("rsa.der","rb");unsigned char der[4096];size_t dl=fread(der,1,sizeof der,f);fclose(f);
  unsigned char dig[32];memset(dig,7,32);unsigned char sig[512];
  /* BoringSSL inside netty-tcnative: local symbols, resolved from nm offsets */
  void*h=dlopen(argv[1],RTLD_NOW|RTLD_LOCAL); if(!h){fprintf(stderr,"%s\n",dlerror());return 1;}
  Dl_info di; dladdr(dlsym(h,"JNI_OnLoad"),&di); char*base=di.dli_fbase;
  void (*b_init)(void)=(void*)(base+strtoul(argv[3],0,16));
  void*(*b_from)(const unsigned char*,size_t)=(void*)(base+strtoul(argv[4],0,16));
  int (*b_sign)(int,const unsigned char*,unsigned,unsigned char*,unsigned*,void*)=(void*)(base+strtoul(argv[5],0,16));
  b_init(); void*brsa=b_from(der,dl); if(!brsa){fprintf(stderr,"boringssl parse failed\n");return 1;}
  unsigned sl; for(int i=0;i<50;i++) b_sign(672,dig,32,sig,&sl,brsa);
  double t0=now(); for(int i=0;i<n;i++) if(!b_sign(672,dig,32,sig,&sl,brsa)){fprintf(stderr,"bsign fail\n");return 1;} double t1=now();
  printf("BoringSSL (netty-tcnative 2.0.84) RSA-2048 PKCS1 SHA-256 sign: %.3f ms CPU each, %.0f/s (n=%d, siglen %u)\n",(t1-t0)*1000/n,n/(t1-t0),n,sl);
  const unsigned char*p=der; EVP_PKEY*k=d2i_PrivateKey(EVP_PKEY_RSA,NULL,&p,dl);
  EVP_PKEY_CTX*c=EVP_PKEY_CTX_new(k,NULL); EVP_PKEY_sign_init(c); EVP_PKEY_CTX_set_rsa_padding(c,RSA_PKCS1_PADDING); EVP_PKEY_CTX_set_signature_md(c,EVP_sha256());
  size_t s2; for(int i=0;i<50;i++){s2=sizeof sig;EVP_PKEY_sign(c,sig,&s2,dig,32);}
  t0=now(); for(int i=0;i<n;i++){s2=sizeof sig; if(EVP_PKEY_sign(c,sig,&s2,dig,32)!=1){fprintf(stderr,"osign fail\n");return 1;}} t1=now();
  printf("OpenSSL %s RSA-2048 PKCS1 SHA-256 sign: %.3f ms CPU each, %.0f/s (n=%d)\n",OpenSSL_version(0),(t1-t0)*1000/n,n/(t1-t0),n);
  return 0;}
